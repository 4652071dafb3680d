using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Tests;

/// <summary>Hand-written fixture documents (TestData/fixtures.jsonl) and helpers.</summary>
internal static class TestFixtures
{
    public static IReadOnlyList<MatchDocument> Documents { get; } = Load(Path.Combine(AppContext.BaseDirectory, "TestData", "fixtures.jsonl"));

    public static IReadOnlyList<MatchDocument> Load(string path) =>
        MatchDocumentJson.ReadFile(path).Select(r => r.Document ?? throw new InvalidOperationException(r.Error)).ToList();

    public static async Task<LuceneMatchIndex> CreateIndexAsync()
    {
        var index = LuceneMatchIndex.CreateInMemory();
        var result = await index.UpsertManyAsync(Documents);
        Assert.Equal(Documents.Count, result.Accepted);
        return index;
    }

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "qzm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>../shared/data relative to the repository root, or null when absent (user machines).</summary>
    public static string? SharedDataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quanzhou.Matching.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return File.Exists(Path.Combine(data, "corpus.jsonl")) ? data : null;
            }
        }

        return null;
    }
}

/// <summary>Test access to a tenant's scope searcher (the library's own reads go through <see cref="LuceneMatchIndex.Read"/>).</summary>
internal static class LuceneMatchIndexTestExtensions
{
    public static T WithSearcher<T>(this LuceneMatchIndex index, string tenant, Func<Lucene.Net.Search.IndexSearcher, T> read) =>
        index.Read(tenant, "test", scope => read(scope.Searcher));
}
