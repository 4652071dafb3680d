using BenchmarkDotNet.Attributes;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// Candidate retrieval of 100 documents per query. Baseline: raw SmartCn term query on the word field, top 100, stored
/// ids (the Java peer's search). Library: normalise, words + bigrams, fused BM25 query with visibility filter, top 100
/// with their stored documents (<c>MatchEngine.Prepare</c>), and the whole <c>MatchAsync</c> with the BM25 ranker.
/// </summary>
[Config(typeof(QueriesPerSecondConfig))]
public class RetrievalBenchmarks : QueryBenchmarkBase
{
    private static readonly MatchOptions Options = new() { Top = 100, CandidatePoolSize = 100, IncludeExplanations = false };
    private MatchEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        OpenIndex();
        _engine = new MatchEngine(Index, Bm25MatchRanker.Instance);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = QueryCount, Description = "raw Lucene.Net: SmartCn terms on w, top 100, ids")]
    public int RawLucene()
    {
        var n = 0;
        foreach (var q in Queries)
        {
            var top = Raw.Searcher.Search(Raw.Query(q.Text, IndexFields.Words), 100);
            foreach (var hit in top.ScoreDocs)
            {
                n += Raw.Id(hit.Doc)!.Length;
            }
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "Prepare: fused words+bigrams, filter, top 100 + stored docs")]
    public int Prepare()
    {
        var n = 0;
        foreach (var r in Requests)
        {
            n += _engine.Prepare(r, Options, withFeatures: false).Candidates.Count;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "MatchAsync, BM25 ranker, top 100")]
    public async Task<int> MatchBm25()
    {
        var n = 0;
        foreach (var r in Requests)
        {
            n += (await _engine.MatchAsync(r, Options)).Items.Count;
        }

        return n;
    }
}
