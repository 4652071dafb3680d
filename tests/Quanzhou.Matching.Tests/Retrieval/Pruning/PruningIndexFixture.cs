using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Tests.Retrieval.Pruning;

/// <summary>
/// One real index for the pruning tests: the bundled demo corpus plus ~3,000 documents recombined from its sentences
/// (so near-universal words are pruned as in a large index), written in several batches (several segments), with
/// deletions and updates, and tenant-only documents (a tenant's scope reads two partitions, so its reader has the
/// segments of both).
/// </summary>
public sealed class PruningIndexFixture : IAsyncLifetime
{
    public const string Tenant = "quanzhou";

    private static readonly string DemoFolder = Path.Combine(AppContext.BaseDirectory, "DemoData");

    /// <summary>No background merges: the tests need several segments, and merges would make their count timing-dependent.</summary>
    public LuceneMatchIndex Index { get; } = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { KeepSegments = true });

    public IReadOnlyList<MatchDocument> Demo { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Demo = Directory.GetFiles(DemoFolder, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(MatchDocumentJson.ReadFile)
            .Select(r => r.Document ?? throw new InvalidOperationException(r.Error)).ToList();
        await Index.UpsertManyAsync(Demo);

        var random = new Random(20261206);
        var sentences = Demo.SelectMany(d => d.Description.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var templates = Demo.OfType<TechAchievement>().ToArray();
        var id = 0;
        var owners = new List<string>();
        for (var batch = 0; batch < 6; batch++)
        {
            var docs = new List<MatchDocument>();
            for (var i = 0; i < 500; i++, id++)
            {
                var template = templates[random.Next(templates.Length)];
                var text = string.Join("。", Enumerable.Range(0, 1 + random.Next(6)).Select(_ => sentences[random.Next(sentences.Length)])) + "。";
                var own = random.Next(10) == 0;
                owners.Add(own ? Tenant : MatchDocument.DefaultTenant);
                docs.Add(new TechAchievement($"syn-{id}", template.Title + (random.Next(3) == 0 ? string.Empty : $"（{id}）"))
                {
                    Description = text,
                    Keywords = template.Keywords,
                    IndustryTags = template.IndustryTags,
                    Maturity = Maturity.FromTrl(1 + random.Next(9)),
                    Tenant = own ? Tenant : MatchDocument.DefaultTenant,
                    Visibility = own ? Visibility.Tenant : Visibility.Public,
                });
            }

            await Index.UpsertManyAsync(docs);
        }

        // Deletions in several segments, and updates (a delete plus a new document in the last segment).
        for (var i = 0; i < 150; i++)
        {
            var victim = random.Next(id);
            await Index.DeleteAsync($"syn-{victim}", owners[victim]);
        }

        await Index.UpsertManyAsync(templates.Take(60).Select(t => new TechAchievement(t.Id, t.Title + " 改进型")
        {
            Description = t.Description + " " + sentences[random.Next(sentences.Length)],
            Keywords = t.Keywords,
            IndustryTags = t.IndustryTags,
            Maturity = t.Maturity,
            Tenant = t.Tenant,
            Visibility = t.Visibility,
        }));
    }

    public Task DisposeAsync()
    {
        Index.Dispose();
        return Task.CompletedTask;
    }
}
