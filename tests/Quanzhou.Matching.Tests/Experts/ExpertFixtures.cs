using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Experts;

/// <summary>Hand-written experts, achievements and needs (TestData/experts.jsonl) for expert evidence, teams and challenge lists.</summary>
internal static class ExpertFixtures
{
    public static IReadOnlyList<MatchDocument> Documents { get; } = TestFixtures.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "experts.jsonl"));

    public static async Task<LuceneMatchIndex> CreateIndexAsync()
    {
        var index = LuceneMatchIndex.CreateInMemory();
        var result = await index.UpsertManyAsync(Documents);
        Assert.Equal(Documents.Count, result.Accepted);
        return index;
    }

    public static MatchDocument Get(string id) => Documents.Single(d => d.Id == id);
}
