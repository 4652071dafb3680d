using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Indexing;

/// <summary>
/// <see cref="LuceneMatchIndex.ForceMergeAsync"/> from the caller's side: fewer segments, the same documents, the same
/// matches for every tenant (scores included), durable across a reopen, and nothing changed when refused or cancelled.
/// </summary>
public class ForceMergeTests
{
    [Fact]
    public async Task ForceMergeAsync_AfterManyCommits_OneSegmentSameMatchesForEveryTenantAndDurable()
    {
        var path = TestFixtures.NewTempDirectory();
        string[] tenants = ["quanzhou", "othercity", "nobody"];
        Dictionary<string, string[]> before;
        int segmentsBefore;
        using (var index = LuceneMatchIndex.Open(path))
        {
            foreach (var document in TestFixtures.Documents)
            {
                await index.UpsertAsync(document); // one commit, one segment each
            }

            segmentsBefore = Segments(index, "nobody");
            before = await MatchesAsync(index, tenants);
            await index.ForceMergeAsync();

            Assert.True(segmentsBefore > 1, $"the test needs several segments to merge, had {segmentsBefore}");
            Assert.Equal(1, Segments(index, "nobody"));
            AssertSame(before, await MatchesAsync(index, tenants));
            Assert.Equal(TestFixtures.Documents.Count, (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments);
        }

        using var reopened = LuceneMatchIndex.Open(path);
        Assert.Equal(1, Segments(reopened, "nobody"));
        AssertSame(before, await MatchesAsync(reopened, tenants));
        Assert.NotNull(await reopened.GetAsync("a-secret", "othercity"));
        Assert.Null(await reopened.GetAsync("a-secret", "quanzhou"));
    }

    [Fact]
    public async Task ForceMergeAsync_BadCountOrCancelled_RefusedAndTheIndexUnchanged()
    {
        using var index = LuceneMatchIndex.Open(TestFixtures.NewTempDirectory());
        foreach (var document in TestFixtures.Documents.Take(4))
        {
            await index.UpsertAsync(document);
        }

        var segments = Segments(index, "nobody");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => index.ForceMergeAsync(0));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.ForceMergeAsync(1, new CancellationToken(canceled: true)));

        Assert.Equal(segments, Segments(index, "nobody"));
        await index.UpsertAsync(TestFixtures.Documents[4]);
        Assert.Equal(5, (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments);
    }

    /// <summary>Readers of one tenant match throughout the merge and see the same results (another tenant's private write lands meanwhile and must not move them).</summary>
    [Fact]
    public async Task ForceMergeAsync_WithConcurrentMatchesAndAnUpsert_ReadsUnchangedAndTheWriteLands()
    {
        using var index = LuceneMatchIndex.Open(TestFixtures.NewTempDirectory());
        foreach (var document in TestFixtures.Documents)
        {
            await index.UpsertAsync(document);
        }

        var expected = await MatchesAsync(index, ["quanzhou"]);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var rounds = 0;
            do
            {
                AssertSame(expected, await MatchesAsync(index, ["quanzhou"]));
                rounds++;
            }
            while (!stop.IsCancellationRequested);
            return rounds;
        })).ToArray();

        var merge = index.ForceMergeAsync();
        var upsert = index.UpsertAsync(new TechAchievement("a-late", "合并期间写入的成果") { Description = "纺织印染废水处理", Tenant = "late", Visibility = Visibility.Tenant });
        await Task.WhenAll(merge, upsert).WaitAsync(TimeSpan.FromMinutes(2));
        stop.Cancel();
        var rounds = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.All(rounds, r => Assert.True(r >= 1));
        Assert.NotNull(await index.GetAsync("a-late", "late"));
        Assert.Equal(TestFixtures.Documents.Count + 1, (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments);
    }

    private static void AssertSame(Dictionary<string, string[]> expected, Dictionary<string, string[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (key, results) in expected)
        {
            Assert.True(results.SequenceEqual(actual[key]), $"{key}: before [{string.Join(", ", results)}], after [{string.Join(", ", actual[key])}]");
        }
    }

    private static int Segments(LuceneMatchIndex index, string tenant) => index.WithSearcher(tenant, s => s.IndexReader.Leaves.Count);

    /// <summary>Every document matched as a query, per tenant: "id score" of each result, in rank order.</summary>
    private static async Task<Dictionary<string, string[]>> MatchesAsync(LuceneMatchIndex index, string[] tenants)
    {
        var engine = new MatchEngine(index);
        var all = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var tenant in tenants)
        {
            foreach (var document in TestFixtures.Documents)
            {
                var results = await engine.MatchAsync(MatchRequest.ForText(document.Title + " " + document.Description, tenant), new MatchOptions { IncludeExplanations = false });
                all[$"{tenant}/{document.Id}"] = [.. results.Items.Select(r => $"{r.Id} {r.Score:R}")];
            }
        }

        return all;
    }
}
