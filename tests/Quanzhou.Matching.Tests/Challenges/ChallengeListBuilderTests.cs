using Quanzhou.Matching.Challenges;
using Quanzhou.Matching.Tests.Experts;

namespace Quanzhou.Matching.Tests.Challenges;

public class ChallengeListBuilderTests
{
    [Fact]
    public async Task BuildAsync_Challenge_RanksAchievementsExpertsAndOrganizations()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var list = await new ChallengeListBuilder(new MatchEngine(index)).BuildAsync(MatchRequest.ForId("n-membrane", "quanzhou"));

        Assert.Equal("n-membrane", list.Need.Id);
        Assert.Equal(Enumerable.Range(1, list.Solvers.Count), list.Solvers.Select(s => s.Rank));
        Assert.Equal(list.Solvers.Select(s => s.Score).OrderDescending(), list.Solvers.Select(s => s.Score));
        Assert.All(list.Solvers, s => Assert.InRange(s.Score, 0.0, 1.0));
        Assert.Equal("a-membrane-1", list.OfKind(SolverKind.Achievement)[0].Id == "a-membrane-1" ? "a-membrane-1" : list.OfKind(SolverKind.Achievement)[1].Id);
        Assert.Equal("甲大学", list.OfKind(SolverKind.Organization)[0].Id);
        var evidenceExpert = list.OfKind(SolverKind.Expert).Single(s => s.Id == "e-evidence");
        Assert.Contains("a-membrane-1", evidenceExpert.SupportingDocumentIds);
    }

    [Fact]
    public async Task BuildAsync_Organization_AggregatesItsBestDocumentsByNoisyOr()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var list = await new ChallengeListBuilder(new MatchEngine(index)).BuildAsync(MatchRequest.ForId("n-membrane", "quanzhou"));
        var org = list.Solvers.Single(s => s is { Kind: SolverKind.Organization, Id: "甲大学" });
        var members = list.Solvers.Where(s => s.Kind != SolverKind.Organization && s.Organization == "甲大学").ToArray();

        Assert.Equal(["a-membrane-1", "a-membrane-2", "e-evidence"], org.SupportingDocumentIds.Order(StringComparer.Ordinal));
        Assert.Equal(members.Select(m => m.Id).Order(StringComparer.Ordinal), org.SupportingDocumentIds.Order(StringComparer.Ordinal));
        var expected = 1 - members.OrderByDescending(m => m.Score).Take(ChallengeListBuilder.OrganizationDocuments).Aggregate(1.0, (miss, m) => miss * (1 - m.Score));
        Assert.Equal(expected, org.Score, 3);
        Assert.True(org.Score >= members.Max(m => m.Score));
        Assert.Contains(org.Reasons, r => r.Contains("成果 2 项、专家 1 名", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_OtherTenantsPrivateAchievement_IsNeverListed()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var builder = new ChallengeListBuilder(new MatchEngine(index));

        var quanzhou = await builder.BuildAsync(MatchRequest.ForId("n-membrane", "quanzhou"));
        Assert.DoesNotContain(quanzhou.Solvers, s => s.Id is "a-secret-membrane" or "丁公司");
        Assert.DoesNotContain(quanzhou.Solvers, s => s.SupportingDocumentIds.Contains("a-secret-membrane"));

        // The public challenge is visible to another tenant, who also sees its own private achievement.
        var other = await builder.BuildAsync(MatchRequest.ForId("n-membrane", "other"));
        Assert.Contains(other.Solvers, s => s.Id == "a-secret-membrane");
    }

    [Fact]
    public async Task BuildAsync_PrivateChallenge_OnlyForItsOwnTenant()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var builder = new ChallengeListBuilder(new MatchEngine(index));

        Assert.NotEmpty((await builder.BuildAsync(MatchRequest.ForId("n-private-challenge", "quanzhou"))).Solvers);
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => builder.BuildAsync(MatchRequest.ForId("n-private-challenge", "other")));
        var draft = (TechNeed)ExpertFixtures.Get("n-private-challenge");
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => builder.BuildAsync(MatchRequest.ForDocument(draft, "other")));
    }

    [Fact]
    public async Task BuildAsync_InvalidArguments_ThrowClearly()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var builder = new ChallengeListBuilder(new MatchEngine(index));

        Assert.Throws<ArgumentNullException>(() => new ChallengeListBuilder(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => builder.BuildAsync(null!));
        var notChallenge = await Assert.ThrowsAsync<ArgumentException>(() => builder.BuildAsync(MatchRequest.ForId("n-plain", "quanzhou")));
        Assert.Contains("n-plain", notChallenge.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => builder.BuildAsync(MatchRequest.ForId("a-membrane-1", "quanzhou")));
        await Assert.ThrowsAsync<ArgumentException>(() => builder.BuildAsync(MatchRequest.ForText("防水透气膜", "quanzhou")));
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => builder.BuildAsync(MatchRequest.ForId("no-such-need", "quanzhou")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChallengeListOptions { CandidatePool = 5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChallengeListOptions { MaxExperts = -1 });
    }

    [Fact]
    public async Task BuildAsync_KindLimits_AreApplied()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var list = await new ChallengeListBuilder(new MatchEngine(index)).BuildAsync(MatchRequest.ForId("n-membrane", "quanzhou"),
            new ChallengeListOptions { MaxAchievements = 1, MaxExperts = 0, MaxOrganizations = 2 });

        Assert.Single(list.OfKind(SolverKind.Achievement));
        Assert.Empty(list.OfKind(SolverKind.Expert));
        Assert.InRange(list.OfKind(SolverKind.Organization).Count, 1, 2);
    }
}
