using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Evaluation;

/// <summary>Checks against the real evaluation data in ../shared/data; skipped (with the reason) where it is absent.</summary>
public class SharedDataTests
{
    private const string SkipReason = "../shared/data is not present next to the repository (only on the project's CI machines); the evaluation tool covers it there.";

    [SkippableFact]
    public async Task DevProblemQueries_LearnedAndFusedBm25_FindSourceDocuments()
    {
        var data = TestFixtures.SharedDataFolder();
        Skip.If(data is null, SkipReason);

        // A 3,000-document slice holding the sources of the first 40 dev problem queries keeps this test fast.
        var queries = File.ReadLines(Path.Combine(data, "queries.dev.tsv")).Select(l => l.Split('\t')).Where(p => p[1] == "problem").Take(40).ToList();
        var qrels = TrecFormat.ReadQrels(Path.Combine(data, "qrels.dev.txt"));
        var needed = queries.SelectMany(q => qrels[q[0]].Keys).ToHashSet();
        var docs = new List<MatchDocument>();
        foreach (var line in File.ReadLines(Path.Combine(data, "corpus.jsonl")))
        {
            var e = System.Text.Json.JsonDocument.Parse(line).RootElement;
            var id = e.GetProperty("id").GetString()!;
            if (docs.Count < 3000 || needed.Contains(id))
            {
                docs.Add(new TechAchievement(id, e.GetProperty("title").GetString() ?? string.Empty)
                {
                    Description = e.GetProperty("abstract").GetString() ?? string.Empty,
                    Keywords = e.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToArray(),
                });
            }
        }

        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync(docs);
        foreach (var ranker in new IMatchRanker[] { Bm25MatchRanker.Instance, LearnedMatchRanker.Default })
        {
            var engine = new MatchEngine(index, ranker);
            var ndcg = 0.0;
            foreach (var q in queries)
            {
                var results = await engine.MatchAsync(MatchRequest.ForText(q[2]), new MatchOptions { Top = 10, IncludeExplanations = false });
                ndcg += RankingMetrics.Ndcg(results.Items.Select(r => r.Id).ToArray(), qrels[q[0]]);
            }

            Assert.True(ndcg / queries.Count > 0.6, $"{ranker.Name}: nDCG@10 {ndcg / queries.Count:0.000} on 40 dev problem queries");
        }
    }
}
