using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Reliability;

[Trait("Category", "Reliability")]
public class TenantIsolationTests
{
    private static TechAchievement Public(string id, string text) => new(id, text) { Description = text, Tenant = "a" };

    private static TechAchievement Secret(string id, string text, string tenant) =>
        new(id, text) { Description = text, Tenant = tenant, Visibility = Visibility.Confidential };

    [Fact]
    public async Task TenantConfidentialDocuments_NeverReachAnotherTenant()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync([Public("pub", "石墨烯导热膜制备"), Secret("b-secret", "石墨烯导热膜保密配方", "b")]);
        var engine = new MatchEngine(index);

        var forA = await engine.MatchAsync(MatchRequest.ForText("石墨烯导热膜配方", "a"), new MatchOptions { Kinds = [DocumentKind.Achievement] });
        Assert.DoesNotContain(forA.Items, r => r.Id == "b-secret");
        Assert.DoesNotContain(forA.Items, r => r.Explanation!.Snippet.Contains("保密", StringComparison.Ordinal));
        Assert.Null(await index.GetAsync("b-secret", "a"));
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => engine.MatchAsync(MatchRequest.ForId("b-secret", "a")));

        var forB = await engine.MatchAsync(MatchRequest.ForText("石墨烯导热膜配方", "b"), new MatchOptions { Kinds = [DocumentKind.Achievement] });
        Assert.Contains(forB.Items, r => r.Id == "b-secret");
    }

    [Fact]
    public async Task TenantScores_DoNotChangeWhenAnotherTenantAddsConfidentialDocumentsWithTheSameWords()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync(TestFixtures.Documents.Where(d => d.Visibility == Visibility.Public));
        foreach (var ranker in new IMatchRanker[] { Bm25MatchRanker.Instance, LearnedMatchRanker.Default })
        {
            var engine = new MatchEngine(index, ranker);
            var request = MatchRequest.ForText("低成本防水透气膜 钠离子电池 印染废水", "quanzhou");
            var before = (await engine.MatchAsync(request)).Items.Select(r => (r.Id, r.Score)).ToArray();

            await index.UpsertManyAsync(Enumerable.Range(0, 50).Select(i => (MatchDocument)Secret($"b-{ranker.Name}-{i}", "防水透气膜 钠离子电池 印染废水 低成本", "othertenant")));
            var after = (await engine.MatchAsync(request)).Items.Select(r => (r.Id, r.Score)).ToArray();
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public async Task TenantVisibilityChange_MovesTheDocument()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertAsync(Public("doc", "石墨烯导热膜"));
        Assert.NotNull(await index.GetAsync("doc", "x"));
        await index.UpsertAsync(Secret("doc", "石墨烯导热膜", "a"));
        Assert.Null(await index.GetAsync("doc", "x"));
        Assert.NotNull(await index.GetAsync("doc", "a"));
        Assert.Equal(1, (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments);

        // Another tenant cannot take the id over, in either visibility.
        await Assert.ThrowsAsync<DocumentOwnershipException>(() => index.UpsertAsync(Secret("doc", "他人文档", "b")));
        await Assert.ThrowsAsync<DocumentOwnershipException>(() => index.UpsertAsync(new TechAchievement("doc", "他人文档") { Tenant = "b" }));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/b")]
    [InlineData("nul\u0000x")]
    [InlineData("..")]
    public async Task TenantPathLikeNames_AreRejectedAndNothingIsCreatedOutsideTheRoot(string tenant)
    {
        var parent = TestFixtures.NewTempDirectory();
        var root = Path.Combine(parent, "index");
        using var index = LuceneMatchIndex.Open(root);
        var before = Directory.GetFileSystemEntries(parent, "*", SearchOption.AllDirectories).Where(p => !p.StartsWith(root, StringComparison.Ordinal)).ToArray();

        Assert.ThrowsAny<ArgumentException>(() => new TechAchievement("x", "t") { Tenant = tenant });
        Assert.ThrowsAny<ArgumentException>(() => MatchRequest.ForText("防水", tenant));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => index.GetAsync("x", tenant));
        Assert.ThrowsAny<ArgumentException>(() => new TechAchievement(tenant, "t"));
        Assert.ThrowsAny<ArgumentException>(() => new TechAchievement(new string('x', 100_000), "t"));

        var after = Directory.GetFileSystemEntries(parent, "*", SearchOption.AllDirectories).Where(p => !p.StartsWith(root, StringComparison.Ordinal)).ToArray();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task TenantPartitions_SurviveReopen()
    {
        var root = TestFixtures.NewTempDirectory();
        using (var index = LuceneMatchIndex.Open(root))
        {
            await index.UpsertAsync(Secret("s1", "钠离子电池正极", "b"));
        }

        Assert.True(Directory.Exists(Path.Combine(root, "tenants", "b")));
        using var reopened = LuceneMatchIndex.Open(root);
        Assert.NotNull(await reopened.GetAsync("s1", "b"));
        Assert.Null(await reopened.GetAsync("s1", "a"));
    }
}
