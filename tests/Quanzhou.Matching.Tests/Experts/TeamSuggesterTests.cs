using Quanzhou.Matching.Experts;

namespace Quanzhou.Matching.Tests.Experts;

public class TeamSuggesterTests
{
    [Fact]
    public async Task SuggestAsync_TwoDomainNeed_TeamCoversMoreThanBestSingleExpert()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var suggester = new TeamSuggester(new MatchEngine(index));
        var request = MatchRequest.ForId("n-foam-storage", "quanzhou");

        var team = await suggester.SuggestAsync(request);
        var single = await suggester.SuggestAsync(request, new TeamSuggestionOptions { MaxMembers = 1 });

        var ids = team.Members.Select(m => m.Expert.Id).ToArray();
        Assert.Contains("e-foam", ids);
        Assert.Contains("e-storage", ids);
        Assert.InRange(team.Members.Count, 2, 3);
        Assert.Single(single.Members);
        var teamCovered = team.Members.SelectMany(m => m.Covers).Distinct().Count();
        Assert.True(teamCovered > single.Members[0].Covers.Count, $"team {teamCovered}, single {single.Members[0].Covers.Count}");
        Assert.True(team.CoverageRatio > single.CoverageRatio);
        Assert.Contains(team.SubTopics, t => t is { Kind: SubTopicKind.IndustryTag, Id: "shoes.soles" });
        Assert.Contains(team.SubTopics, t => t.Kind == SubTopicKind.IndustryTag && t.Id.StartsWith("new-energy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SuggestAsync_Result_IsConsistent()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var team = await new TeamSuggester(new MatchEngine(index)).SuggestAsync(MatchRequest.ForId("n-foam-storage", "quanzhou"));

        var newly = team.Members.SelectMany(m => m.NewlyCovered).ToArray();
        Assert.Equal(newly.Length, newly.Distinct().Count()); // each sub-topic is credited to one member
        Assert.All(team.Members, m => Assert.Subset(m.Covers.ToHashSet(), m.NewlyCovered.ToHashSet()));
        Assert.Equal(team.SubTopics.Except(newly).OrderBy(t => t.Id, StringComparer.Ordinal), team.Uncovered.OrderBy(t => t.Id, StringComparer.Ordinal));
        Assert.All(team.SubTopics, t => Assert.InRange(t.Weight, 0.0, 1.0));
        Assert.Equal(Math.Round(newly.Sum(t => t.Weight) / team.SubTopics.Sum(t => t.Weight), 4), team.CoverageRatio);
        Assert.Equal(team.Members.Count, team.Members.Select(m => m.Expert.Id).Distinct().Count());
    }

    [Fact]
    public async Task SuggestAsync_InvalidArguments_ThrowClearly()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var suggester = new TeamSuggester(new MatchEngine(index));
        Assert.Throws<ArgumentNullException>(() => new TeamSuggester(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => suggester.SuggestAsync(null!));
        var blank = await Assert.ThrowsAsync<ArgumentException>(() => suggester.SuggestAsync(MatchRequest.ForText("  ", "quanzhou")));
        Assert.Equal("request", blank.ParamName);
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => suggester.SuggestAsync(MatchRequest.ForId("no-such-need", "quanzhou")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeamSuggestionOptions { MaxMembers = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeamSuggestionOptions { CandidateExperts = 201 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeamSuggestionOptions { MinTagConfidence = double.NaN });
    }

    [Fact]
    public async Task SuggestAsync_NoMatchingExperts_ReturnsEmptyTeamWithAllUncovered()
    {
        using var index = await ExpertFixtures.CreateIndexAsync();
        var team = await new TeamSuggester(new MatchEngine(index)).SuggestAsync(MatchRequest.ForText("钠离子电池层状氧化物正极材料", "quanzhou"),
            new TeamSuggestionOptions { Match = new MatchOptions { Regions = ["999999"] } });
        Assert.Empty(team.Members);
        Assert.Equal(team.SubTopics, team.Uncovered);
        Assert.Equal(0, team.CoverageRatio);
    }
}
