using BenchmarkDotNet.Attributes;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Benchmarks.Data;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// Shared set-up of the query-side benchmarks: an on-disk library index of <see cref="IndexDocs"/> documents of the
/// default data (cached across processes), the raw Lucene.Net baseline over the same folder, and the first
/// <see cref="QueryCount"/> queries. Every benchmark runs all the queries; times are per query (OperationsPerInvoke).
/// </summary>
public abstract class QueryBenchmarkBase : IDisposable
{
    /// <summary>Queries per operation.</summary>
    public const int QueryCount = 50;

    [Params(10_000, 100_000)]
    public int IndexDocs { get; set; }

    private protected LuceneMatchIndex Index { get; private set; } = null!;

    private protected RawLuceneSearch Raw { get; private set; } = null!;

    private protected IReadOnlyList<BenchmarkQuery> Queries { get; private set; } = [];

    private protected MatchRequest[] Requests { get; private set; } = [];

    private protected void OpenIndex()
    {
        var path = CachedIndex.Get(IndexDocs);
        Index = LuceneMatchIndex.Open(path);
        SmartCnTextAnalyzer.Default.Warmup();
        Raw = new RawLuceneSearch(path);
        Queries = BenchmarkData.Queries(QueryCount);
        if (Queries.Count < QueryCount)
        {
            // Fewer queries than the per-operation count (a small demo set): repeat them.
            Queries = Enumerable.Range(0, QueryCount).Select(i => Queries[i % Queries.Count]).ToList();
        }

        Requests = Queries.Select(q => MatchRequest.ForText(q.Text)).ToArray();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        BeforeDispose();
        Raw?.Dispose();
        Index?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived benchmark acquired (its only cleanup hook: BenchmarkDotNet allows one [GlobalCleanup]).</summary>
    private protected virtual void BeforeDispose()
    {
    }
}
