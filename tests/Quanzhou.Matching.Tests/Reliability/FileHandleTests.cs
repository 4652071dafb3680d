using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>
/// Runs alone: it counts the whole process's open file handles, which tests running in parallel (indexes, ML.NET,
/// temp files) would change under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideFileHandlesCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process-wide file handles";
}

[Trait("Category", "Reliability")]
[Collection(ProcessWideFileHandlesCollection.Name)]
public class FileHandleTests
{
    [SkippableFact]
    public async Task ConcurrencyOpenUseDispose_LeaksNoFileHandles()
    {
        Skip.IfNot(Directory.Exists("/proc/self/fd"), "file-handle counting uses /proc/self/fd (Linux only)");
        var root = TestFixtures.NewTempDirectory();

        // Warm up once so lazily loaded assemblies and dictionaries do not count as leaks.
        await OpenUseDisposeAsync(root);
        var before = Directory.GetFiles("/proc/self/fd").Length;
        for (var i = 0; i < 5; i++)
        {
            await OpenUseDisposeAsync(root);
        }

        var after = Directory.GetFiles("/proc/self/fd").Length;
        Assert.True(after <= before + 2, $"open file handles grew from {before} to {after}");
        Assert.DoesNotContain(Directory.GetFiles("/proc/self/fd").Select(TryReadLink), target => target?.StartsWith(root, StringComparison.Ordinal) == true);

        static async Task OpenUseDisposeAsync(string root)
        {
            using var index = LuceneMatchIndex.Open(root);
            await index.UpsertManyAsync(TestFixtures.Documents);
            await new MatchEngine(index).MatchAsync(MatchRequest.ForText("防水透气膜", "quanzhou"));
        }

        static string? TryReadLink(string fd)
        {
            try
            {
                return new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
