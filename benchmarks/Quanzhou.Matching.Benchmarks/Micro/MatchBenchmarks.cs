using BenchmarkDotNet.Attributes;
using Lucene.Net.Search;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// The whole <c>MatchAsync</c> call with the shipped learned ranker (200 candidates, page of 20). Baseline: the raw
/// Lucene.Net equivalent — SmartCn term query, top 200, <see cref="QueryRescorer"/> with the bigram query, the 20 best
/// stored documents loaded.
/// </summary>
[Config(typeof(QueriesPerSecondConfig))]
public class MatchBenchmarks : QueryBenchmarkBase
{
    private static readonly MatchOptions Explained = new();
    private static readonly MatchOptions Plain = new() { IncludeExplanations = false };
    private MatchEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        OpenIndex();
        _engine = new MatchEngine(Index, LearnedMatchRanker.Default);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = QueryCount, Description = "raw Lucene.Net: top 200, rescore, load 20 docs")]
    public int RawLucene()
    {
        var n = 0;
        foreach (var q in Queries)
        {
            var top = Raw.Searcher.Search(Raw.Query(q.Text, IndexFields.Words), 200);
            var rescored = QueryRescorer.Rescore(Raw.Searcher, top, Raw.Query(q.Text, IndexFields.Bigrams), 1.0, 20);
            foreach (var hit in rescored.ScoreDocs)
            {
                n += Raw.Searcher.Doc(hit.Doc).Fields.Count;
            }
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "MatchAsync, learned, explanations on (default)")]
    public Task<int> MatchExplained() => Run(Explained);

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "MatchAsync, learned, explanations off")]
    public Task<int> MatchPlain() => Run(Plain);

    private async Task<int> Run(MatchOptions options)
    {
        var n = 0;
        foreach (var r in Requests)
        {
            n += (await _engine.MatchAsync(r, options)).Items.Count;
        }

        return n;
    }
}
