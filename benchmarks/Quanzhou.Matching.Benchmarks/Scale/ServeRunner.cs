using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Quanzhou.Matching.Benchmarks.Data;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval.Pruning;

namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>
/// The serving half of <c>--scale</c>, run in a fresh child process so that start-up is cold and peak RSS is that of
/// serving alone: open the index, load the analyzer's dictionaries and the model, answer the first query; then time
/// retrieval only (pruned, and exhaustive for comparison) and the full match for 1 and 2 concurrent callers.
/// </summary>
internal static class ServeRunner
{
    public const string Flag = "--serve-child";

    /// <summary>Retrieval only: BM25 order, the peer's k = 100, no explanations.</summary>
    private static readonly MatchOptions RetrieveOptions = new() { Top = 100, CandidatePoolSize = 100, IncludeExplanations = false };

    /// <summary>The full match: 200 candidates reranked by the learned model, the default page of 20, no explanations.</summary>
    private static readonly MatchOptions MatchOptions = new() { Top = 20, CandidatePoolSize = 200, IncludeExplanations = false };

    /// <summary>The full match with the library's default candidate pool (100), the default page of 20, no explanations.</summary>
    private static readonly MatchOptions DefaultPoolOptions = new() { Top = 20, IncludeExplanations = false };

    /// <summary>As <see cref="MatchOptions"/> with explanations (the library's default), timed on a shorter pass.</summary>
    private static readonly MatchOptions ExplainedOptions = new() { Top = 20, CandidatePoolSize = 200, IncludeExplanations = true };

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var clock = Stopwatch.StartNew();
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{Flag} needs {name}");
        var indexPath = Arg("--index");
        var queries = BenchmarkQuery.ReadFile(Arg("--queries"));
        var sample = BenchmarkQuery.Sample(queries, int.Parse(Arg("--sample"), CultureInfo.InvariantCulture), long.Parse(Arg("--sample-seed"), CultureInfo.InvariantCulture));
        var warmup = int.Parse(Arg("--warmup"), CultureInfo.InvariantCulture);
        var resultPath = Arg("--result");
        var runPath = Arg("--run");
        var readQueriesMs = clock.Elapsed.TotalMilliseconds;

        // 1. Start-up: open the index while SmartCn's dictionaries and the model load in parallel (MatchEngine.PreloadAsync),
        //    then answer one query.
        clock.Restart();
        var preload = MatchEngine.PreloadAsync();
        using var index = LuceneMatchIndex.Open(indexPath);
        var openMs = clock.Elapsed.TotalMilliseconds;
        await preload;
        var preloadMs = clock.Elapsed.TotalMilliseconds - openMs;
        var learned = LearnedMatchRanker.Default;
        var matcher = new MatchEngine(index, learned);
        await matcher.MatchAsync(MatchRequest.ForText(sample[0].Text), MatchOptions);
        var startupMs = clock.Elapsed.TotalMilliseconds;
        var sinceProcessStartMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine($"serve: start-up {startupMs:0} ms (open {openMs:0}, then waiting for dictionaries + model {preloadMs:0}, first query {startupMs - openMs - preloadMs:0}); {sinceProcessStartMs:0} ms since process start");

        var retriever = new MatchEngine(index, Bm25MatchRanker.Instance);
        var (docs, segments) = index.Read(MatchDocument.DefaultTenant, "benchmark", scope => (scope.Reader.NumDocs, scope.Reader.Leaves.Count));

        // 2. Timed passes. Warm-up: the first queries of the sample through each path.
        var warm = sample.Take(warmup).ToList();
        await Pass(retriever, warm, RetrieveOptions, 1, null);
        var retrieved = new Dictionary<string, MatchResults>(StringComparer.Ordinal);
        var retrieve1 = await Pass(retriever, sample, RetrieveOptions, 1, retrieved);
        var retrieve2 = await Pass(retriever, sample, RetrieveOptions, 2, null);

        // The same retrieval scored exhaustively by Lucene.Net (MaxScore pruning off): the "before", and a check at
        // scale that pruning changes nothing (every query's hits and scores compared).
        var exhaustive = new Dictionary<string, MatchResults>(StringComparer.Ordinal);
        MaxScoreSearch.Exhaustive.Value = true;
        var retrieveExhaustive1 = await Pass(retriever, sample, RetrieveOptions, 1, exhaustive);
        MaxScoreSearch.Exhaustive.Value = false;
        var mismatches = exhaustive.Count(e => !e.Value.Items.Select(i => (i.Id, i.Score)).SequenceEqual(retrieved[e.Key].Items.Select(i => (i.Id, i.Score))));
        await Pass(matcher, warm, MatchOptions, 1, null);
        var match1 = await Pass(matcher, sample, MatchOptions, 1, null);
        var match2 = await Pass(matcher, sample, MatchOptions, 2, null);
        var matchDefault1 = await Pass(matcher, sample, DefaultPoolOptions, 1, null);
        var explained1 = await Pass(matcher, sample.Take(Math.Min(200, sample.Count)).ToList(), ExplainedOptions, 1, null);
        WriteRun(runPath, sample, retrieved);
        var peakRss = ProcessMemory.PeakRssBytes(); // before the profile, which opens a second (raw) reader
        var (rssAnon, rssFile) = ProcessMemory.RssParts();
        var gcHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var profile = RetrievalProfile.Run(index, indexPath, sample.Take(Math.Min(100, sample.Count)).ToList());

        var result = new JsonObject
        {
            ["index_docs"] = docs,
            ["segments"] = segments,
            ["sample_queries"] = sample.Count,
            ["distinct_queries"] = sample.Select(q => q.Id).Distinct().Count(),
            ["warmup_queries"] = warm.Count,
            ["read_queries_ms"] = readQueriesMs,
            ["startup_ms"] = startupMs,
            ["startup_open_index_ms"] = openMs,
            ["startup_preload_wait_ms"] = preloadMs,
            ["startup_first_query_ms"] = startupMs - openMs - preloadMs,
            ["process_start_to_ready_ms"] = sinceProcessStartMs,
            ["retrieve_1"] = ToJson(retrieve1),
            ["retrieve_2"] = ToJson(retrieve2),
            ["retrieve_exhaustive_1"] = ToJson(retrieveExhaustive1),
            ["retrieve_pruned_vs_exhaustive_mismatching_queries"] = mismatches,
            ["match_1"] = ToJson(match1),
            ["match_2"] = ToJson(match2),
            ["match_explained_1"] = ToJson(explained1),
            ["match_default_pool"] = DefaultPoolOptions.CandidatePoolSize,
            ["match_default_pool_1"] = ToJson(matchDefault1),
            ["retrieval_profile_1_thread"] = profile,
            ["serve_peak_rss_bytes"] = peakRss,
            ["serve_rss_anon_bytes"] = rssAnon,
            ["serve_rss_file_bytes"] = rssFile,
            ["serve_gc_heap_bytes"] = gcHeap,
            ["serve_rss_end_bytes"] = ProcessMemory.RssBytes(),
            ["gc_heap_bytes_end"] = GC.GetTotalMemory(false),
            ["process_cpu_seconds"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        };
        await File.WriteAllTextAsync(resultPath, result.ToJsonString());
        return 0;
    }

    public static JsonObject ToJson(LatencySummary s) => new()
    {
        ["queries"] = s.Queries,
        ["p50_ms"] = Math.Round(s.P50Ms, 3),
        ["p95_ms"] = Math.Round(s.P95Ms, 3),
        ["p99_ms"] = Math.Round(s.P99Ms, 3),
        ["mean_ms"] = Math.Round(s.MeanMs, 3),
        ["max_ms"] = Math.Round(s.MaxMs, 3),
        ["qps"] = Math.Round(s.QueriesPerSecond, 1),
    };

    /// <summary>Runs every query once, spread over <paramref name="callers"/> threads pulling from one shared list.</summary>
    private static async Task<LatencySummary> Pass(MatchEngine engine, IReadOnlyList<BenchmarkQuery> queries, MatchOptions options, int callers, Dictionary<string, MatchResults>? keep)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var latencies = new double[queries.Count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(
            async () =>
            {
                int j;
                while ((j = Interlocked.Increment(ref next)) < queries.Count)
                {
                    var start = Stopwatch.GetTimestamp();
                    var results = await engine.MatchAsync(MatchRequest.ForText(queries[j].Text), options);
                    latencies[j] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (keep is not null)
                    {
                        keep.TryAdd(queries[j].Id, results);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        await Task.WhenAll(workers);
        return LatencySummary.From(latencies, wall.Elapsed.TotalSeconds);
    }

    /// <summary>The retrieval run in TREC format, for <c>compare_runs.py</c> against the peer's run.</summary>
    private static void WriteRun(string path, IReadOnlyList<BenchmarkQuery> sample, Dictionary<string, MatchResults> results)
    {
        using var writer = new StreamWriter(path);
        foreach (var id in sample.Select(q => q.Id).Distinct())
        {
            foreach (var r in results[id].Items)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id} Q0 {r.Id} {r.Rank} {r.Score:0.000000} quanzhou-bm25"));
            }
        }
    }
}
