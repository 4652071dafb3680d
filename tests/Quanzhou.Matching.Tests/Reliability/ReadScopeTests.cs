using System.Collections.Concurrent;
using Quanzhou.Matching.Challenges;
using Quanzhou.Matching.Experts;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Subscriptions;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>
/// The tenant rule has one home: every read API opens a <see cref="SearchScope"/> for the caller's tenant (recorded
/// through the index's scope hook) and no other kind of read exists.
/// </summary>
[Trait("Category", "Reliability")]
public class ReadScopeTests
{
    private const string Tenant = "tenant-b";

    public static TheoryData<string> ReadApis =>
    [
        "match-text", "match-id", "match-document", "match-bm25", "get", "statistics", "team", "challenge", "subscriptions",
    ];

    [Theory]
    [MemberData(nameof(ReadApis))]
    public async Task EveryReadApi_GoesThroughAScopeOfTheCallersTenant(string api)
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync([
            new TechNeed("need-1", "寻求石墨烯导热膜技术") { Description = "手机散热", IsChallenge = true },
            new TechAchievement("ach-1", "石墨烯导热膜连续化制备") { Description = "导热系数高", Organization = "华侨大学" },
            new ExpertProfile("exp-1", "张教授") { Description = "石墨烯导热膜", AchievementIds = ["ach-1"] },
            new TechNeed("need-b", "本单位需求") { Description = "石墨烯导热膜", Tenant = Tenant, Visibility = Visibility.Tenant },
        ]);
        var scopes = new ConcurrentQueue<string>();
        index.ScopeOpened = scope => scopes.Enqueue(scope.Tenant);
        var engine = new MatchEngine(index);

        _ = api switch
        {
            "match-text" => await engine.MatchAsync(MatchRequest.ForText("石墨烯导热膜", Tenant)),
            "match-id" => await engine.MatchAsync(MatchRequest.ForId("need-b", Tenant)),
            "match-document" => await engine.MatchAsync(MatchRequest.ForDocument(new TechNeed("x", "石墨烯") { Tenant = Tenant })),
            "match-bm25" => await new MatchEngine(index, Quanzhou.Matching.Ranking.Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForText("石墨烯", Tenant), new MatchOptions { Retrieval = CandidateRetrieval.Words }),
            "get" => await index.GetAsync("need-b", Tenant),
            "statistics" => await index.GetStatisticsAsync(Tenant),
            "team" => await new TeamSuggester(engine).SuggestAsync(MatchRequest.ForId("need-1", Tenant)),
            "challenge" => await new ChallengeListBuilder(engine).BuildAsync(MatchRequest.ForId("need-1", Tenant)),
            "subscriptions" => await Subscriptions(index),
            _ => throw new ArgumentOutOfRangeException(nameof(api)),
        };

        Assert.NotEmpty(scopes);
        Assert.All(scopes, t => Assert.Equal(Tenant, t));
    }

    private static async Task<object> Subscriptions(LuceneMatchIndex index)
    {
        var registry = new SubscriptionRegistry(new SubscriptionRegistryOptions { StatisticsIndex = index });
        registry.Register(new Subscription("s-1", Tenant, "owner", "石墨烯导热膜") { Threshold = 0.05 });
        return await registry.FindMatchesAsync(new TechAchievement("new", "石墨烯导热膜新工艺"));
    }
}
