using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Tests.Matching;

/// <summary>The bundled demo corpus parses completely and its needs find their topic's achievements.</summary>
public class DemoCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "DemoData");

    private static List<MatchDocument> LoadAll() =>
        Directory.GetFiles(Folder, "*.jsonl").SelectMany(MatchDocumentJson.ReadFile).Select(r => r.Document ?? throw new InvalidOperationException(r.Error)).ToList();

    [Fact]
    public void DemoCorpus_HasEnoughDocumentsOfEachKind()
    {
        var docs = LoadAll();
        Assert.True(docs.Count(d => d.Kind == DocumentKind.Achievement) >= 300);
        Assert.True(docs.Count(d => d.Kind == DocumentKind.Need) >= 60);
        Assert.True(docs.Count(d => d.Kind == DocumentKind.Expert) >= 40);
        Assert.Equal(docs.Count, docs.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public async Task DemoNeeds_FindAnAchievementOfTheirTopicInTopThree()
    {
        var docs = LoadAll();
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync(docs);
        var engine = new MatchEngine(index);
        var needs = docs.OfType<TechNeed>().ToList();
        var hits = 0;
        foreach (var need in needs)
        {
            var results = await engine.MatchAsync(MatchRequest.ForId(need.Id, need.Tenant), new MatchOptions { Top = 3, Kinds = [DocumentKind.Achievement], IncludeExplanations = false });
            if (results.Items.Any(r => r.Document.Attributes.GetValueOrDefault("topic") == need.Attributes["topic"]))
            {
                hits++;
            }
        }

        // Every need was written for one topic with five achievements; almost all should find one in the top 3.
        Assert.True(hits >= needs.Count * 0.9, $"{hits} of {needs.Count} needs found a topic achievement in the top 3");
    }
}
