using System.Globalization;
using System.Text;
using Quanzhou.Matching.Challenges;
using Quanzhou.Matching.Experts;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Subscriptions;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>
/// Isolation as a property: two indexes that differ only in tenant-a's non-public documents (generated: the same words
/// as the public ones, experts linked to tenant-a's private achievements, and ids that clash with public ones) give
/// tenant-b byte-identical answers on every read API — results, scores, explanations, facets, teams, challenge lists,
/// subscriptions, documents and statistics.
/// </summary>
[Trait("Category", "Reliability")]
public class IsolationPropertyTests
{
    private const string Observer = "tenant-b";
    private const string Intruder = "tenant-a";

    private static readonly string[] Phrases =
    [
        "石墨烯导热膜", "防水透气膜", "钠离子电池", "储能系统", "印染废水回用", "EVA发泡中底", "数控机床热误差补偿", "陶瓷釉料",
        "低温快烧", "光伏组件", "碳纤维复合材料", "铁观音做青", "近红外检测", "芯片封装", "功率器件", "锂电池回收", "高回弹",
        "耐磨鞋底", "节能窑炉", "智能制造", "工业机器人", "视觉检测", "纺织印染", "无水染色", "新材料", "氢燃料电池",
    ];

    private static readonly string[] Tags = ["shoes", "textiles", "machinery", "building-materials", "new-materials", "new-energy", "ic"];
    private static readonly string[] Organizations = ["华侨大学", "泉州师范学院", "福州大学", "厦门大学", "泉州装备制造研究所"];

    public static TheoryData<int> Seeds => [11, 23, 37];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task TenantB_SeesIdenticalAnswers_WhetherOrNotTenantAHasPrivateDocuments(int seed)
    {
        var (shared, intruding) = Corpus(new Random(seed));
        using var without = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = 1 });
        using var with = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = 1 });
        Assert.All((await without.UpsertManyAsync(shared)).Outcomes, o => Assert.True(o.Accepted, o.Reason));

        // The same public and tenant-b documents in the same order, with tenant-a's interleaved; its id clashes are refused.
        var random = new Random(seed + 1);
        var mixed = new List<MatchDocument>(shared);
        foreach (var d in intruding.Where(d => !IsClash(d)))
        {
            mixed.Insert(random.Next(mixed.Count + 1), d);
        }

        // Clashing ids come after their owners' copies (in the same batch: the first copy of a new id decides its owner).
        var result = await with.UpsertManyAsync(mixed.Concat(intruding.Where(IsClash)));
        Assert.Equal(2, result.Outcomes.Count(o => o.Owner is not null));
        Assert.All(result.Outcomes.Where(o => !o.Accepted), o => Assert.NotNull(o.Owner));

        // And once more in a later batch of their own.
        Assert.All((await with.UpsertManyAsync(intruding.Where(IsClash).ToList())).Outcomes, o => Assert.Equal(o.Id == "a-clash-0", o.Accepted));

        Assert.Equal(await Answers(without, seed), await Answers(with, seed));
    }

    private static bool IsClash(MatchDocument d) => d.Id is "pub-ach-1" or "b-need-0" or "a-clash-0";

    /// <summary>Every read API's answer for tenant-b, printed canonically (scores round-trip exactly).</summary>
    private static async Task<string> Answers(LuceneMatchIndex index, int seed)
    {
        var text = new StringBuilder();
        var random = new Random(seed + 2);
        var queries = Enumerable.Range(0, 4).Select(_ => string.Join("，", Enumerable.Range(0, 3).Select(_ => Phrases[random.Next(Phrases.Length)]))).ToArray();
        var requests = queries.Select(q => MatchRequest.ForText(q, Observer))
            .Append(MatchRequest.ForDocument(new TechNeed("unsaved-need", "寻求" + queries[0]) { Description = queries[1], Tenant = Observer }))
            .Append(MatchRequest.ForId("pub-need-0", Observer))
            .Append(MatchRequest.ForId("pub-ach-1", Observer))
            .Append(MatchRequest.ForId("b-need-0", Observer))
            .ToArray();
        foreach (var ranker in new IMatchRanker[] { LearnedMatchRanker.Default, Bm25MatchRanker.Instance })
        {
            var engine = new MatchEngine(index, ranker);
            foreach (var request in requests)
            {
                foreach (var mode in Enum.GetValues<CandidateRetrieval>())
                {
                    foreach (var collapse in new[] { false, true })
                    {
                        var options = new MatchOptions { Top = 20, Retrieval = mode, CollapseDuplicates = collapse };
                        text.AppendLine(CultureInfo.InvariantCulture, $"match {ranker.Name} {request.DocumentId ?? request.Text ?? request.Document!.Id} {mode} {collapse}");
                        Print(text, await engine.MatchAsync(request, options));
                    }
                }
            }

            var team = await new TeamSuggester(engine).SuggestAsync(MatchRequest.ForId("pub-need-0", Observer));
            text.AppendLine(CultureInfo.InvariantCulture, $"team {team.CoverageRatio:R} {string.Join(",", team.SubTopics.Select(t => $"{t.Id}:{t.Weight:R}"))}");
            foreach (var member in team.Members)
            {
                text.Append("  member ");
                Print(text, member.Expert);
                text.AppendLine(string.Join(",", member.Covers.Select(c => c.Id)));
            }

            var challenge = await new ChallengeListBuilder(engine).BuildAsync(MatchRequest.ForId("pub-challenge", Observer));
            foreach (var s in challenge.Solvers)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"solver {s.Kind} {s.Id} {s.Score:R} {s.Rank} {string.Join(",", s.SupportingDocumentIds)} {string.Join("|", s.Reasons)}");
            }
        }

        var registry = new SubscriptionRegistry(new SubscriptionRegistryOptions { StatisticsIndex = index });
        for (var i = 0; i < queries.Length; i++)
        {
            registry.Register(new Subscription($"s-{i}", Observer, "owner", queries[i]) { Threshold = 0.05 });
        }

        foreach (var incoming in new MatchDocument[]
        {
            new TechAchievement("incoming-1", queries[2]) { Description = queries[3] + queries[0] },
            new TechNeed("incoming-2", queries[1]) { Description = queries[0], Tenant = Observer, Visibility = Visibility.Tenant },
        })
        {
            foreach (var n in await registry.FindMatchesAsync(incoming))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"notify {n.SubscriptionId} {n.DocumentId} {n.Score:R} {string.Join(",", n.MatchedTerms)}");
            }
        }

        foreach (var id in new[] { "pub-need-0", "pub-ach-1", "pub-exp-0", "b-need-0", "a-ach-0", "a-clash-0" })
        {
            var d = await index.GetAsync(id, Observer);
            text.AppendLine(CultureInfo.InvariantCulture, $"get {id} {d?.Title ?? "-"} {d?.Tenant} {d?.Visibility}");
        }

        var stats = await index.GetStatisticsAsync(Observer);
        text.AppendLine(CultureInfo.InvariantCulture, $"stats {string.Join(",", stats.DocumentCounts.Select(kv => $"{kv.Key}={kv.Value}"))} {stats.DeletedDocuments}");
        return text.ToString();
    }

    private static void Print(StringBuilder text, MatchResults results)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"  total {results.TotalCandidates} facets {string.Join(",", results.IndustryFacets.Select(kv => $"{kv.Key}={kv.Value}"))}");
        foreach (var item in results.Items)
        {
            text.Append("  ");
            Print(text, item);
        }
    }

    private static void Print(StringBuilder text, MatchResult item)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{item.Rank} {item.Id} {item.Score:R}");
        if (item.Explanation is { } e)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {string.Join(",", e.MatchedTerms)} | {e.Snippet} | {string.Join(" / ", e.Reasons)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    {string.Join(",", e.Contributions.Select(c => $"{c.Name}={c.Value:R}:{c.Contribution:R}"))} | {string.Join(",", e.Evidence.Select(v => $"{v.Id}:{v.Score:R}"))}");
        }
    }

    /// <summary>The shared documents (public ones of several owners, and tenant-b's own) and tenant-a's private ones.</summary>
    private static (List<MatchDocument> Shared, List<MatchDocument> Intruding) Corpus(Random random)
    {
        string Text(int phrases) => string.Join("，", Enumerable.Range(0, phrases).Select(_ => Phrases[random.Next(Phrases.Length)])) + "。";
        string[] SomeTags() => [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => Tags[random.Next(Tags.Length)]).Distinct()];
        string Org() => Organizations[random.Next(Organizations.Length)];
        Maturity? Level() => random.Next(4) == 0 ? null : Maturity.FromTrl(random.Next(1, 10));

        var shared = new List<MatchDocument>();
        for (var i = 0; i < 40; i++)
        {
            shared.Add(new TechAchievement($"pub-ach-{i}", Text(2)) { Description = Text(6), IndustryTags = SomeTags(), Organization = Org(), Maturity = Level(), Tenant = random.Next(3) == 0 ? Intruder : "default" });
        }

        for (var i = 0; i < 15; i++)
        {
            shared.Add(new TechNeed($"pub-need-{i}", "寻求" + Text(2)) { Description = Text(5), IndustryTags = SomeTags(), Maturity = Level(), Tenant = random.Next(3) == 0 ? Intruder : "quanzhou" });
        }

        for (var i = 0; i < 12; i++)
        {
            // Public experts link public achievements and ids that only tenant-a's private achievements carry.
            var links = Enumerable.Range(0, 4).Select(_ => random.Next(2) == 0 ? $"pub-ach-{random.Next(40)}" : $"a-ach-{random.Next(20)}").Distinct().ToArray();
            shared.Add(new ExpertProfile($"pub-exp-{i}", $"专家{i}") { Description = Text(4), AchievementIds = links, IndustryTags = SomeTags(), Organization = Org() });
        }

        shared.Add(new TechNeed("pub-challenge", "揭榜挂帅：" + Text(2)) { Description = Text(5), IsChallenge = true });
        for (var i = 0; i < 8; i++)
        {
            shared.Add(new TechNeed($"b-need-{i}", "本单位需求" + Text(2)) { Description = Text(4), Tenant = Observer, Visibility = (Visibility)random.Next(1, 3) });
            shared.Add(new TechAchievement($"b-ach-{i}", Text(2)) { Description = Text(4), Tenant = Observer, Visibility = (Visibility)random.Next(1, 3) });
        }

        var intruding = new List<MatchDocument>();
        for (var i = 0; i < 20; i++)
        {
            var visibility = (Visibility)random.Next(1, 3);
            intruding.Add(new TechAchievement($"a-ach-{i}", Text(2)) { Description = Text(8), IndustryTags = SomeTags(), Organization = Org(), Tenant = Intruder, Visibility = visibility });
            intruding.Add(new TechNeed($"a-need-{i}", "寻求" + Text(2)) { Description = Text(6), Tenant = Intruder, Visibility = visibility });
            if (i < 5)
            {
                intruding.Add(new ExpertProfile($"a-exp-{i}", $"内部专家{i}") { Description = Text(4), AchievementIds = [$"a-ach-{i}", $"pub-ach-{i}"], Organization = Org(), Tenant = Intruder, Visibility = visibility });
            }
        }

        // Ids that clash with public documents and with tenant-b's own: refused, so they change nothing.
        intruding.Add(new TechAchievement("pub-ach-1", "冒用公开标识") { Description = Text(4), Tenant = Intruder, Visibility = Visibility.Confidential });
        intruding.Add(new TechNeed("b-need-0", "冒用他人标识") { Description = Text(4), Tenant = Intruder, Visibility = Visibility.Tenant });
        intruding.Add(new TechAchievement("a-clash-0", "租户A占用") { Description = Text(4), Tenant = Intruder, Visibility = Visibility.Confidential });
        return (shared, intruding);
    }
}
