using System.Text;
using Quanzhou.Matching.Challenges;
using Quanzhou.Matching.Experts;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Subscriptions;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// Non-interference: two indexes that differ only in tenant-a's non-public documents must look the same, to the last bit
/// of every score, to every other tenant through every read API. Tenant-a's private documents are generated to be as
/// tempting as possible: they share words with the public ones, some are near copies of public documents (duplicate
/// collapsing), and experts (public, tenant-b's and tenant-a's) list tenant-a's private achievements as their own.
/// </summary>
public sealed class TenantIsolationTests
{
    private const string TenantA = "t-a";
    private const string TenantB = "t-b";
    private static readonly string[] Observers = [TenantB, MatchDocument.DefaultTenant];
    private static readonly CandidateRetrieval[] Retrievals = Enum.GetValues<CandidateRetrieval>();

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, false)]
    [InlineData(13, false)]
    [InlineData(14, false)]
    [InlineData(15, true)]
    [InlineData(16, true)]
    public async Task IndexesDifferingOnlyInTenantAPrivateDocuments_LookIdenticalToOtherTenants(int seed, bool hybrid)
    {
        var world = new World(seed);
        var first = await BuildAsync(world, world.PrivateA(seed * 1000 + 1, count: 6 + (seed % 3) * 4), seed, hybrid);
        var second = await BuildAsync(world, seed % 2 == 0 ? [] : world.PrivateA(seed * 1000 + 2, count: 9), seed + 1, hybrid);
        try
        {
            var a = await TranscriptAsync(first, world, seed, hybrid);
            var b = await TranscriptAsync(second, world, seed, hybrid);
            CompareTranscripts(a, b, seed);

            // The test has teeth: the observers' matches are not empty, and tenant-a itself does see a difference.
            var matches = a.Where(e => e.Label.Contains("MatchAsync", StringComparison.Ordinal)).ToArray();
            Assert.True(matches.Count(e => e.Text.Contains("\n  #1 ", StringComparison.Ordinal)) > matches.Length / 2, "most observer matches should return results");
            Assert.NotEqual(
                ResultText.Of(await first.GetStatisticsAsync(TenantA)) + ResultText.Of(await new MatchEngine(first).MatchAsync(MatchRequest.ForText(world.Shared[0].Title, TenantA))),
                ResultText.Of(await second.GetStatisticsAsync(TenantA)) + ResultText.Of(await new MatchEngine(second).MatchAsync(MatchRequest.ForText(world.Shared[0].Title, TenantA))));
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }
    }

    /// <param name="hybrid">With an embedding model: the dense candidate source must keep the same rule.</param>
    private static async Task<LuceneMatchIndex> BuildAsync(World world, IReadOnlyList<MatchDocument> privateA, int shuffleSeed, bool hybrid)
    {
        // The shared documents keep their relative order; tenant-a's private ones are spread at random positions.
        var random = new Random(shuffleSeed);
        var batch = world.Shared.ToList();
        foreach (var d in privateA)
        {
            batch.Insert(random.Next(batch.Count + 1), d);
        }

        var index = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions
        {
            IndexingThreads = 1,
            Embeddings = hybrid ? new Embeddings.EmbeddingOptions(new HashingEmbeddingGenerator()) : null,
        });
        var result = await index.UpsertManyAsync(batch);
        Assert.True(result.Rejected == 0, string.Join("; ", result.Outcomes.Where(o => !o.Accepted)));
        return index;
    }

    /// <summary>Every read an observer can make, one labelled entry each, in a fixed order.</summary>
    private static async Task<List<(string Label, string Text)>> TranscriptAsync(LuceneMatchIndex index, World world, int seed, bool hybrid)
    {
        var transcript = new List<(string, string)>();
        var engine = new MatchEngine(index);
        var fused = new MatchEngine(index, new Ranking.HybridMatchRanker { DenseWeight = 0.5 });
        var team = new TeamSuggester(engine);
        var challenges = new ChallengeListBuilder(engine);

        async Task Record(string label, Func<Task<string>> read)
        {
            string text;
            try
            {
                text = await read();
            }
            catch (Exception ex) when (ex is MatchingException or ArgumentException)
            {
                text = $"threw {ex.GetType().Name}";
            }

            transcript.Add((label, text));
        }

        foreach (var observer in Observers)
        {
            var requests = new List<(string Label, MatchRequest Request)>();
            var queries = new Corpus(seed + 500);
            for (var i = 0; i < 3; i++)
            {
                var text = queries.Text(8);
                requests.Add(($"ForText(need '{text}')", MatchRequest.ForText(text, observer)));
                requests.Add(($"ForText(achievement '{text}')", MatchRequest.ForText(text, observer, DocumentKind.Achievement)));
            }

            requests.Add(("ForDocument(need)", MatchRequest.ForDocument(queries.Need("q-need", observer, Visibility.Tenant), observer)));
            requests.Add(("ForDocument(achievement)", MatchRequest.ForDocument(queries.Achievement("q-ach", observer, Visibility.Tenant), observer)));
            foreach (var id in world.VisibleIds(observer).Take(10))
            {
                requests.Add(($"ForId({id})", MatchRequest.ForId(id, observer)));
            }

            requests.Add(($"ForId({World.PrivateAchievementId(0)}) of tenant-a", MatchRequest.ForId(World.PrivateAchievementId(0), observer)));
            requests.Add(($"ForId({World.PrivateNeedId(2)}) of tenant-a", MatchRequest.ForId(World.PrivateNeedId(2), observer)));

            foreach (var (label, request) in requests)
            {
                foreach (var retrieval in Retrievals)
                {
                    foreach (var (optionsLabel, options) in OptionVariants(retrieval))
                    {
                        await Record($"[{observer}] MatchAsync {label} {optionsLabel}", async () => ResultText.Of(await engine.MatchAsync(request, options)));
                        if (hybrid)
                        {
                            await Record($"[{observer}] MatchAsync (HybridMatchRanker) {label} {optionsLabel}", async () => ResultText.Of(await fused.MatchAsync(request, options)));
                        }
                    }
                }

                if (request.SourceKind == DocumentKind.Need && request.Document is null or TechNeed)
                {
                    await Record($"[{observer}] TeamSuggester.SuggestAsync {label}", async () => ResultText.Of(await team.SuggestAsync(request)));
                }
            }

            await Record($"[{observer}] ChallengeListBuilder.BuildAsync ForId({world.ChallengeId})", async () => ResultText.Of(await challenges.BuildAsync(MatchRequest.ForId(world.ChallengeId, observer))));
            await Record($"[{observer}] ChallengeListBuilder.BuildAsync ForId({world.ChallengeId}) collapsed", async () => ResultText.Of(await challenges.BuildAsync(
                MatchRequest.ForId(world.ChallengeId, observer), new ChallengeListOptions { Match = new MatchOptions { CollapseDuplicates = true } })));

            foreach (var id in world.AllIds)
            {
                await Record($"[{observer}] GetAsync({id})", async () => ResultText.Of(await index.GetAsync(id, observer)));
            }

            await Record($"[{observer}] GetStatisticsAsync", async () => ResultText.Of(await index.GetStatisticsAsync(observer)));
        }

        // Subscriptions scored with the index's term statistics: the observers' notifications must not move.
        var registry = new SubscriptionRegistry(new SubscriptionRegistryOptions { StatisticsIndex = index });
        var subs = new Corpus(seed + 900);
        var n = 0;
        foreach (var observer in Observers)
        {
            for (var i = 0; i < 4; i++)
            {
                registry.Register(new Subscription($"s{n++}", observer, "owner", subs.Text(6)) { Threshold = 0.05 });
            }

            registry.Register(new Subscription($"s{n++}", "owner", subs.Need($"saved-{n}", observer, Visibility.Tenant)) { Threshold = 0.05 });
        }

        registry.Register(new Subscription("s-a", TenantA, "owner", subs.Text(6)) { Threshold = 0.05 });
        for (var i = 0; i < 6; i++)
        {
            var fresh = i % 2 == 0 ? (MatchDocument)subs.Achievement($"new-{i}", "t-c", Visibility.Public) : subs.Need($"new-{i}", "t-c", Visibility.Public);
            var notifications = await registry.FindMatchesAsync(fresh);
            await Record($"SubscriptionRegistry.FindMatchesAsync({fresh.Id})", () => Task.FromResult(ResultText.Of(notifications.Where(x => x.Tenant != TenantA))));
        }

        return transcript;
    }

    private static IEnumerable<(string, MatchOptions)> OptionVariants(CandidateRetrieval retrieval)
    {
        yield return ($"{retrieval} plain", new MatchOptions { Retrieval = retrieval, IncludeExplanations = false, UseExpertEvidence = false, Top = 30 });
        yield return ($"{retrieval} explained+evidence", new MatchOptions { Retrieval = retrieval, IncludeExplanations = true, UseExpertEvidence = true, Top = 30 });
        yield return ($"{retrieval} collapsed", new MatchOptions { Retrieval = retrieval, IncludeExplanations = true, CollapseDuplicates = true, Top = 30 });
    }

    private static void CompareTranscripts(List<(string Label, string Text)> a, List<(string Label, string Text)> b, int seed)
    {
        Assert.Equal(a.Count, b.Count);
        var differences = new StringBuilder();
        var count = 0;
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Label, b[i].Label);
            if (a[i].Text != b[i].Text)
            {
                if (count++ < 3)
                {
                    differences.AppendLine($"--- {a[i].Label}\nwith private set 1:\n{a[i].Text}\nwith private set 2:\n{b[i].Text}\n");
                }
            }
        }

        if (count > 0)
        {
            Assert.Fail($"seed {seed}: {count} of {a.Count} reads differ between two indexes that differ only in tenant-a's non-public documents. First ones:\n{differences}");
        }
    }

    /// <summary>The shared documents (every tenant's public ones, tenant-b's private ones) of one seed.</summary>
    private sealed class World
    {
        public World(int seed)
        {
            var corpus = new Corpus(seed);
            var shared = new List<MatchDocument>();
            string[] owners = [MatchDocument.DefaultTenant, TenantA, TenantB, "t-c"];
            for (var i = 0; i < 12; i++)
            {
                shared.Add(corpus.Achievement($"ach-{i}", corpus.Pick(owners), Visibility.Public));
            }

            for (var i = 0; i < 8; i++)
            {
                shared.Add(corpus.Need($"need-{i}", corpus.Pick(owners), Visibility.Public, challenge: i == 0));
            }

            for (var i = 0; i < 6; i++)
            {
                // Public experts claim public achievements and tenant-a's private ones.
                shared.Add(corpus.Expert($"exp-{i}", corpus.Pick(owners), Visibility.Public, [$"ach-{corpus.Random.Next(12)}", PrivateAchievementId(corpus.Random.Next(4))]));
            }

            // A near copy of a public achievement by another tenant: duplicate collapsing has something to do.
            var original = (TechAchievement)shared[0];
            shared.Add(new TechAchievement("ach-copy", original.Title) { Description = original.Description, Tenant = "t-c", Visibility = Visibility.Public, IndustryTags = original.IndustryTags });
            for (var i = 0; i < 4; i++)
            {
                var visibility = i % 2 == 0 ? Visibility.Tenant : Visibility.Confidential;
                shared.Add(corpus.Achievement($"b-ach-{i}", TenantB, visibility));
                shared.Add(corpus.Need($"b-need-{i}", TenantB, visibility));
            }

            shared.Add(corpus.Expert("b-exp-0", TenantB, Visibility.Tenant, [PrivateAchievementId(0), PrivateAchievementId(1), "b-ach-0"]));
            Shared = shared;
            ChallengeId = "need-0";
        }

        public IReadOnlyList<MatchDocument> Shared { get; }

        public string ChallengeId { get; }

        public IEnumerable<string> AllIds => Shared.Select(d => d.Id).Concat(Enumerable.Range(0, 16).Select(PrivateAchievementId)).Concat(Enumerable.Range(0, 16).Select(PrivateNeedId)).Append("a-exp-0").Append("a-ach-copy");

        public static string PrivateAchievementId(int i) => $"a-ach-{i}";

        public static string PrivateNeedId(int i) => $"a-need-{i}";

        public IEnumerable<string> VisibleIds(string observer) => Shared.Where(d => d.IsVisibleTo(observer) && d.Kind != DocumentKind.Expert).Select(d => d.Id).Where((_, i) => i % 2 == 0);

        /// <summary>Tenant-a's non-public documents: shared words, near copies of public documents, experts linking them.</summary>
        public IReadOnlyList<MatchDocument> PrivateA(int seed, int count)
        {
            var corpus = new Corpus(seed);
            var docs = new List<MatchDocument>();
            for (var i = 0; i < count; i++)
            {
                var visibility = corpus.Random.Next(2) == 0 ? Visibility.Tenant : Visibility.Confidential;
                var source = Shared[corpus.Random.Next(Shared.Count)];
                docs.Add((i % 3) switch
                {
                    0 => new TechAchievement(PrivateAchievementId(i), source.Title) { Description = source.Description + corpus.Text(3), Tenant = TenantA, Visibility = visibility, IndustryTags = source.IndustryTags },
                    1 => corpus.Achievement(PrivateAchievementId(i), TenantA, visibility),
                    _ => corpus.Need(PrivateNeedId(i), TenantA, visibility, challenge: corpus.Random.Next(2) == 0),
                });
            }

            docs.Add(corpus.Expert("a-exp-0", TenantA, Visibility.Confidential, [PrivateAchievementId(0), PrivateAchievementId(1), "ach-1"]));
            docs.Add(new TechAchievement("a-ach-copy", Shared[1].Title) { Description = Shared[1].Description, Tenant = TenantA, Visibility = Visibility.Tenant, IndustryTags = Shared[1].IndustryTags });
            return docs;
        }
    }
}
