using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Indexing;

public class LuceneMatchIndexTests
{
    [Fact]
    public async Task UpsertManyAsync_ThenGet_RoundTripsEveryField()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var original = (TechNeed)TestFixtures.Documents.Single(d => d.Id == "n-membrane");
        var stored = Assert.IsType<TechNeed>(await index.GetAsync("n-membrane", "quanzhou"));
        Assert.Equal(original.Title, stored.Title);
        Assert.Equal(original.Description, stored.Description);
        Assert.Equal(original.Keywords, stored.Keywords);
        Assert.Equal(original.IndustryTags, stored.IndustryTags);
        Assert.Equal(original.Region, stored.Region);
        Assert.Equal(original.Organization, stored.Organization);
        Assert.Equal(original.Maturity, stored.Maturity);
        Assert.Equal(original.Budget, stored.Budget);
        Assert.Equal(original.CooperationModes, stored.CooperationModes);
        Assert.Equal(original.Tenant, stored.Tenant);
        Assert.Equal(original.Visibility, stored.Visibility);
    }

    [Fact]
    public async Task UpsertAsync_SameId_ReplacesDocument()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var before = (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments;
        await index.UpsertAsync(new TechAchievement("a-foam", "新标题") { Description = "更新后的描述", Tenant = "quanzhou" });
        var stats = await index.GetStatisticsForAllTenantsAsync();
        Assert.Equal(before, stats.TotalDocuments);
        Assert.Equal("新标题", (await index.GetAsync("a-foam", "default"))!.Title);
    }

    [Fact]
    public async Task DeleteAsync_RemovesDocument_AndReportsMissing()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        Assert.True(await index.DeleteAsync("a-cnc", "quanzhou"));
        Assert.Null(await index.GetAsync("a-cnc", "quanzhou"));
        Assert.False(await index.DeleteAsync("a-cnc", "quanzhou"));
    }

    [Fact]
    public async Task GetAsync_ConfidentialOfOtherTenant_ReturnsNull()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        Assert.Null(await index.GetAsync("a-secret", "quanzhou"));
        Assert.NotNull(await index.GetAsync("a-secret", "othercity"));
    }

    [Fact]
    public async Task GetStatisticsAsync_CountsPerKindAndCommit()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var stats = await index.GetStatisticsForAllTenantsAsync();
        Assert.Equal(8, stats.DocumentCounts[DocumentKind.Achievement]);
        Assert.Equal(3, stats.DocumentCounts[DocumentKind.Need]);
        Assert.Equal(2, stats.DocumentCounts[DocumentKind.Expert]);
        Assert.NotNull(stats.LastCommit);
        Assert.True(stats.CommitGeneration > 0);
    }

    [Fact]
    public async Task UpsertManyAsync_DuplicateIdsInBatch_LastWinsAndEarlierIsReported()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        var result = await index.UpsertManyAsync([new TechAchievement("dup", "第一"), new TechAchievement("dup", "第二")]);
        Assert.False(result.Outcomes[0].Accepted);
        Assert.Contains("same id", result.Outcomes[0].Reason, StringComparison.Ordinal);
        Assert.True(result.Outcomes[1].Accepted);
        Assert.Equal("第二", (await index.GetAsync("dup", "default"))!.Title);
    }

    [Fact]
    public async Task UpsertManyAsync_ReportsProgress()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        var reports = new List<IndexingProgress>();
        var progress = new SynchronousProgress<IndexingProgress>(reports.Add);
        await index.UpsertManyAsync(TestFixtures.Documents, progress);
        Assert.Contains(reports, r => r.Processed == TestFixtures.Documents.Count && r.Total == TestFixtures.Documents.Count);
    }

    [Fact]
    public async Task UpsertManyAsync_Cancelled_LeavesIndexAtLastCommit()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var before = (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments;
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var many = Enumerable.Range(0, 500).Select(i => new TechAchievement($"x{i}", "取消的批次")).ToList();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.UpsertManyAsync(many, null, cts.Token));
        Assert.Equal(before, (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments);
    }

    [Fact]
    public async Task RebuildAsync_ReplacesAllContents()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        await index.RebuildAsync([new TechAchievement("only", "唯一文档")]);
        var stats = await index.GetStatisticsForAllTenantsAsync();
        Assert.Equal(1, stats.TotalDocuments);
        Assert.Null(await index.GetAsync("a-foam", "quanzhou"));
    }

    [Fact]
    public async Task Open_ExistingFolder_ReopensCommittedDocuments()
    {
        var path = TestFixtures.NewTempDirectory();
        using (var index = LuceneMatchIndex.Open(path))
        {
            await index.UpsertManyAsync(TestFixtures.Documents);
        }

        using var reopened = LuceneMatchIndex.Open(path);
        Assert.Equal(TestFixtures.Documents.Count, (await reopened.GetStatisticsForAllTenantsAsync()).TotalDocuments);
        Assert.NotNull(await reopened.GetAsync("a-membrane", "quanzhou"));
    }

    [Fact]
    public void Open_SecondWriterOnSameFolder_ThrowsIndexLocked()
    {
        var path = TestFixtures.NewTempDirectory();
        using var first = LuceneMatchIndex.Open(path);
        var ex = Assert.Throws<IndexLockedException>(() => LuceneMatchIndex.Open(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var index = LuceneMatchIndex.CreateInMemory();
        index.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.UpsertManyAsync([new TechNeed("n", "x")]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.GetStatisticsForAllTenantsAsync());
    }

    [Fact]
    public void Open_CorruptFolder_ThrowsIndexCorrupted()
    {
        var path = TestFixtures.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(path, "public"));
        File.WriteAllText(Path.Combine(path, "public", "segments_1"), "not a lucene index");
        Assert.Throws<IndexCorruptedException>(() => LuceneMatchIndex.Open(path));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object _gate = new();

        public void Report(T value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
