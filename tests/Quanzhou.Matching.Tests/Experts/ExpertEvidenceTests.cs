using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Experts;

public class ExpertEvidenceTests
{
    private static MatchOptions Experts(bool evidence) => new() { Kinds = [DocumentKind.Expert], UseExpertEvidence = evidence };

    [Fact]
    public async Task MatchAsync_ExpertWhoseAchievementsMatch_RanksAboveWeakProfileMatch()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance); // text scores a reader can check; the step is ranker-agnostic
        var request = MatchRequest.ForId("n-membrane", "quanzhou");

        var without = await engine.MatchAsync(request, Experts(evidence: false));
        var with = await engine.MatchAsync(request, Experts(evidence: true));

        // Both profiles match weakly (one shared word); with evidence, the expert whose achievements match comes first.
        Assert.True(Rank(without, "e-text") < Rank(without, "e-evidence"), Describe(without));
        Assert.True(Rank(with, "e-evidence") < Rank(with, "e-text"), Describe(with));
        Assert.True(Rank(with, "e-evidence") <= Rank(without, "e-evidence"));
        Assert.True(Score(with, "e-evidence") > Score(without, "e-evidence"));
        Assert.Equal(Score(without, "e-text"), Score(with, "e-text"), 6); // no achievements, no change
    }

    [Fact]
    public async Task MatchAsync_ExpertLiftedByEvidence_HasAStrengthNoStrongerThanTheBestUnliftedCandidate()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance);
        var request = MatchRequest.ForId("n-membrane", "quanzhou");
        var without = await engine.MatchAsync(request, Experts(evidence: false));
        var with = await engine.MatchAsync(request, Experts(evidence: true));

        var lifted = with.Items.Single(r => r.Id == "e-evidence");
        Assert.NotEmpty(lifted.Explanation!.Evidence);
        Assert.InRange(lifted.Strength!.Value, 0, 1);
        Assert.NotNull(lifted.Band);
        // The lift reads at most as strong as the best candidate without one; without evidence it reads weaker than with.
        var bestUnlifted = with.Items.Where(r => r.Explanation!.Evidence.Count == 0).Max(r => r.Strength!.Value);
        Assert.True(lifted.Strength <= bestUnlifted + 1e-12, $"{lifted.Strength} > {bestUnlifted}");
        Assert.True(without.Items.Single(r => r.Id == "e-evidence").Strength < lifted.Strength);
    }

    [Fact]
    public async Task MatchAsync_Explanation_NamesSupportingAchievements()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForId("n-membrane", "quanzhou"), Experts(evidence: true));
        var explanation = results.Items.Single(r => r.Id == "e-evidence").Explanation!;

        Assert.Equal(["a-membrane-1", "a-membrane-2"], explanation.Evidence.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.All(explanation.Evidence, e => Assert.InRange(e.Score, 0.3, 1.0));
        Assert.Contains(explanation.Reasons, r => r.Contains("成果 a-membrane-1《TPU防水透气膜连续化制备技术》", StringComparison.Ordinal) && r.Contains("matches this need", StringComparison.Ordinal));
        Assert.Empty(results.Items.Single(r => r.Id == "e-text").Explanation!.Evidence);
    }

    [Fact]
    public async Task MatchAsync_EvidenceFromAnotherTenantsPrivateAchievement_IsIgnored()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index);
        var text = ExpertFixtures.Get("n-membrane").GetSearchText();

        var quanzhou = await engine.MatchAsync(MatchRequest.ForText(text, "quanzhou"), Experts(evidence: true));
        var hidden = quanzhou.Items.Single(r => r.Id == "e-hidden");
        Assert.Empty(hidden.Explanation!.Evidence);
        Assert.DoesNotContain(hidden.Explanation.Reasons, r => r.Contains("a-secret-membrane", StringComparison.Ordinal));
        Assert.Equal(Score(await engine.MatchAsync(MatchRequest.ForText(text, "quanzhou"), Experts(evidence: false)), "e-hidden"), hidden.Score, 6);

        // The owning tenant sees the achievement, so there it is evidence.
        var other = await engine.MatchAsync(MatchRequest.ForText(text, "other"), Experts(evidence: true));
        Assert.Equal(["a-secret-membrane"], other.Items.Single(r => r.Id == "e-hidden").Explanation!.Evidence.Select(e => e.Id));
    }

    [Fact]
    public async Task MatchAsync_ZeroWeight_KeepsScoresButListsEvidence()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index);
        var request = MatchRequest.ForId("n-membrane", "quanzhou");
        var off = await engine.MatchAsync(request, Experts(evidence: false));
        var zero = await engine.MatchAsync(request, new MatchOptions { Kinds = [DocumentKind.Expert], ExpertEvidenceWeight = 0 });

        Assert.Equal(Score(off, "e-evidence"), Score(zero, "e-evidence"), 6);
        Assert.NotEmpty(zero.Items.Single(r => r.Id == "e-evidence").Explanation!.Evidence);
        Assert.Empty(off.Items.Single(r => r.Id == "e-evidence").Explanation!.Evidence);
    }

    [Fact]
    public async Task MatchAsync_Achievements_AreNotChangedByEvidence()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index);
        var request = MatchRequest.ForId("n-membrane", "quanzhou");
        var off = await engine.MatchAsync(request, new MatchOptions { Kinds = [DocumentKind.Achievement], UseExpertEvidence = false });
        var on = await engine.MatchAsync(request, new MatchOptions { Kinds = [DocumentKind.Achievement] });
        Assert.Equal(off.Items.Select(r => (r.Id, Math.Round(r.Score, 6))), on.Items.Select(r => (r.Id, Math.Round(r.Score, 6))));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(5.1)]
    [InlineData(double.NaN)]
    public void ExpertEvidenceWeight_OutOfRange_Throws(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchOptions { ExpertEvidenceWeight = weight });

    private static int Rank(MatchResults results, string id) => results.Items.Single(r => r.Id == id).Rank;

    private static double Score(MatchResults results, string id) => results.Items.Single(r => r.Id == id).Score;

    private static string Describe(MatchResults results) => string.Join(", ", results.Items.Select(r => $"{r.Rank}:{r.Id}={r.Score:0.000}"));
}
