using System.Collections.Concurrent;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Ranking;

/// <summary><see cref="MatchEngine.GetRankingInputAsync"/> hands out exactly what the ranker is given when matching.</summary>
public class RankingInputTests
{
    [Theory]
    [InlineData("跑鞋防水透气膜")]
    [InlineData("储能钠离子电池")]
    [InlineData("印染废水回用 膜分离")]
    public async Task RankingInput_EqualsWhatTheRankerSees(string text)
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var recorder = new RecordingRanker();
        var engine = new MatchEngine(index, recorder);
        var options = new MatchOptions { CandidatePoolSize = 30, Top = 5 };

        await engine.MatchAsync(MatchRequest.ForText(text), options);
        var input = await engine.GetRankingInputAsync(MatchRequest.ForText(text), options);

        var seen = Assert.Single(recorder.Inputs);
        Assert.NotEmpty(input.Candidates);
        Assert.Equal(seen.FeatureNames, input.FeatureNames);
        Assert.Equal(engine.FeatureNames, input.FeatureNames);
        Assert.Equal(0, input.ExplainCount);
        Assert.Equal(seen.Candidates.Select(c => c.Id), input.Candidates.Select(c => c.Id));
        for (var i = 0; i < input.Candidates.Count; i++)
        {
            Assert.Equal(seen.Candidates[i].RetrievalScore, input.Candidates[i].RetrievalScore);
            Assert.Equal(seen.Candidates[i].Features, input.Candidates[i].Features);
            Assert.Equal(input.FeatureNames.Count, input.Candidates[i].Features.Count);
        }
    }

    [Fact]
    public async Task RankingInput_ReportsMissingDocumentsAndNullRequests()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance);
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => engine.GetRankingInputAsync(MatchRequest.ForId("no-such-document")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => engine.GetRankingInputAsync(null!));
    }

    private sealed class RecordingRanker : IMatchRanker
    {
        public ConcurrentQueue<RankingInput> Inputs { get; } = new();

        public string Name => "recording";

        public bool UsesFeatures => true;

        public ValueTask<IReadOnlyList<RankerScore>> ScoreAsync(RankingInput input, CancellationToken cancellationToken = default)
        {
            Inputs.Enqueue(input);
            return ValueTask.FromResult<IReadOnlyList<RankerScore>>([.. input.Candidates.Select(c => new RankerScore(c.RetrievalScore, []))]);
        }
    }
}
