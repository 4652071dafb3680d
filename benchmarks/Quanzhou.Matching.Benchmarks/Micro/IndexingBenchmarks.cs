using BenchmarkDotNet.Attributes;
using Lucene.Net.Store;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Benchmarks.Data;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// Building an in-memory index of <see cref="Docs"/> documents. Baseline: raw Lucene.Net with SmartChineseAnalyzer
/// over title/keywords/abstract and a stored id, one thread (the Java peer's index). Docs/s from the mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DocsPerSecondConfig))]
public class IndexingBenchmarks
{
    private CorpusRecord[] _records = [];
    private MatchDocument[] _documents = [];

    [Params(1000, 5000)]
    public int Docs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SmartCnTextAnalyzer.Default.Warmup();
        _records = BenchmarkData.Records(Docs).ToArray();
        _documents = _records.Select(r => r.ToMatchDocument()).ToArray();
    }

    [Benchmark(Baseline = true, Description = "raw Lucene.Net SmartCn, 3 fields, 1 thread")]
    public void RawLucene()
    {
        using var directory = new RAMDirectory();
        RawLuceneIndexer.Build(directory, _records, threads: 1);
    }

    [Benchmark(Description = "UpsertManyAsync, 1 thread")]
    public Task<BulkIndexResult> LibraryOneThread() => Upsert(1);

    [Benchmark(Description = "UpsertManyAsync, default threads (2)")]
    public Task<BulkIndexResult> LibraryDefaultThreads() => Upsert(Environment.ProcessorCount);

    private async Task<BulkIndexResult> Upsert(int threads)
    {
        using var index = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = threads });
        return await index.UpsertManyAsync(_documents);
    }
}
