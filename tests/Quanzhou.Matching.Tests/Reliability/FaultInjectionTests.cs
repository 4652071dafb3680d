using Lucene.Net.Store;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

[Trait("Category", "Reliability")]
public class FaultInjectionTests
{
    private static List<MatchDocument> Batch(string prefix, int count = 20) =>
        Enumerable.Range(0, count).Select(i => (MatchDocument)new TechAchievement($"{prefix}-{i}", $"{prefix}成果{i}") { Description = "石墨烯导热膜连续化制备" }).ToList();

    private static async Task<int> CountAsync(LuceneMatchIndex index, string prefix)
    {
        var found = 0;
        for (var i = 0; i < 20; i++)
        {
            found += await index.GetAsync($"{prefix}-{i}", "default") is null ? 0 : 1;
        }

        return found;
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task FaultDiskFullOrSyncFailure_TypedErrorAndIndexStaysAtLastGoodCommit(bool failWrites, bool failSync)
    {
        var faulty = new FaultyDirectory(new RAMDirectory());
        using var index = LuceneMatchIndex.Create("faulty", key => key == "public" ? faulty : new RAMDirectory());
        await index.UpsertManyAsync(Batch("good"));

        faulty.FailWrites = failWrites;
        faulty.FailSync = failSync;
        var ex = await Assert.ThrowsAsync<MatchingException>(() => index.UpsertManyAsync(Batch("lost")));
        Assert.Equal("upsert", ex.Operation);
        Assert.IsAssignableFrom<IOException>(ex.InnerException);

        faulty.FailWrites = false;
        faulty.FailSync = false;
        Assert.Equal(20, await CountAsync(index, "good"));
        Assert.Equal(0, await CountAsync(index, "lost"));

        // After recovery the same index keeps working, and the failed batch is not smuggled into a later commit.
        await index.UpsertManyAsync(Batch("after"));
        Assert.Equal(20, await CountAsync(index, "after"));
        Assert.Equal(0, await CountAsync(index, "lost"));
    }

    [Fact]
    public async Task FaultDiskFull_OnDisk_WriteLockReleasedAndNewWriterOpensAfterRecovery()
    {
        var root = TestFixtures.NewTempDirectory();
        FaultyDirectory? faulty = null;
        var index = LuceneMatchIndex.Create(root, key =>
        {
            faulty = new FaultyDirectory(new NIOFSDirectory(new DirectoryInfo(Path.Combine(root, "public"))));
            return faulty;
        });
        await index.UpsertManyAsync(Batch("good"));
        faulty!.FailWrites = true;
        await Assert.ThrowsAsync<MatchingException>(() => index.UpsertManyAsync(Batch("lost")));
        index.Dispose(); // disposing while the disk is still "full" must not keep the write lock

        using var reopened = LuceneMatchIndex.Open(root);
        Assert.Equal(20, await CountAsync(reopened, "good"));
        Assert.Equal(0, await CountAsync(reopened, "lost"));
        await reopened.UpsertManyAsync(Batch("after"));
        Assert.Equal(20, await CountAsync(reopened, "after"));
    }

    [Fact]
    public async Task FaultDuringDelete_TypedErrorAndDocumentStays()
    {
        var faulty = new FaultyDirectory(new RAMDirectory());
        using var index = LuceneMatchIndex.Create("faulty", key => key == "public" ? faulty : new RAMDirectory());
        await index.UpsertManyAsync(Batch("good"));
        faulty.FailSync = true;
        await Assert.ThrowsAsync<MatchingException>(() => index.DeleteAsync("good-3", MatchDocument.DefaultTenant));
        faulty.FailSync = false;
        Assert.NotNull(await index.GetAsync("good-3", "default"));
    }
}
