using Quanzhou.Matching.Feedback;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Feedback;

public class FeedbackJudgmentsTests
{
    private static FeedbackEvent E(string doc, FeedbackKind kind) => new("need-1", doc, kind, DateTimeOffset.UnixEpoch);

    [Fact]
    public void ToJudgments_StrongestEventWins_DismissOverridesClicksButNotDeals()
    {
        var judgments = FeedbackJudgments.ToJudgments(
        [
            E("a", FeedbackKind.Shown), E("a", FeedbackKind.Clicked), E("a", FeedbackKind.Contacted),
            E("b", FeedbackKind.Shown), E("b", FeedbackKind.Clicked), E("b", FeedbackKind.Dismissed),
            E("c", FeedbackKind.Contacted), E("c", FeedbackKind.Dismissed), E("c", FeedbackKind.DealSigned),
            E("d", FeedbackKind.Shown),
            E("e", FeedbackKind.Clicked),
        ]).ToDictionary(j => j.DocumentId, j => j.Grade);
        Assert.Equal(2, judgments["a"]);
        Assert.Equal(0, judgments["b"]);
        Assert.Equal(3, judgments["c"]);
        Assert.Equal(0, judgments["d"]);
        Assert.Equal(1, judgments["e"]);
    }

    [Fact]
    public async Task ToJudgments_FeedTheTrainer()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var judgments = FeedbackJudgments.ToJudgments(
        [
            new("q1", "a-membrane", FeedbackKind.DealSigned, DateTimeOffset.UnixEpoch),
            new("q1", "a-foam", FeedbackKind.Dismissed, DateTimeOffset.UnixEpoch),
            new("q2", "a-sodium", FeedbackKind.Contacted, DateTimeOffset.UnixEpoch),
        ]);
        var trainer = new LambdaRankTrainer(new LambdaRankTrainerOptions { NumberOfTrees = 3, NumberOfLeaves = 2, MinimumExampleCountPerLeaf = 1 });
        var model = await trainer.TrainAsync(new MatchEngine(index, Bm25MatchRanker.Instance), [new("q1", "跑鞋防水透气膜"), new("q2", "钠离子电池")], judgments);
        Assert.NotEmpty(model.Model);
    }
}
