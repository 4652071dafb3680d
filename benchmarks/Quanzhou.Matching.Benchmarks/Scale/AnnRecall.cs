using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Cloud.Unum.USearch;

namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>
/// <c>--ann-recall [--docs N] [--dims D] [--queries Q] [--out FILE]</c>: would approximate search (USearch HNSW) keep the
/// dense candidates of exact search at a million vectors? Clustered synthetic unit vectors (2,000 topics, noise), exact
/// float top 100 by brute force against USearch's top 100 at several search expansions: recall@100, latency, build time.
/// A measurement for the decision, not a part of the SDK (the SDK's dense source is the exact scan).
/// </summary>
internal static class AnnRecall
{
    public const string Flag = "--ann-recall";

    public static int Run(string[] args)
    {
        int Int(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var (n, d, q) = (Int("--docs", 1_000_000), Int("--dims", 256), Int("--queries", 200));
        var outFile = Array.IndexOf(args, "--out") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
        var random = new Random(42);
        var centres = Enumerable.Range(0, 2000).Select(_ => Unit(Gaussian(random, d, 1f))).ToArray();
        float[] Sample() => Unit([.. centres[random.Next(centres.Length)].Zip(Gaussian(random, d, 0.08f), (c, e) => c + e)]);
        var vectors = new float[n][];
        for (var i = 0; i < n; i++)
        {
            vectors[i] = Sample();
        }

        var queries = Enumerable.Range(0, q).Select(_ => Sample()).ToArray();
        var clock = Stopwatch.StartNew();
        var exact = queries.Select(query => TopK(vectors, query, 100)).ToArray();
        var exactMs = clock.Elapsed.TotalMilliseconds / q;

        using var index = new USearchIndex(MetricKind.Ip, ScalarKind.Float32, (ulong)d, 16, 128, 64, false);
        clock.Restart();
        const int batch = 10_000;
        for (var start = 0; start < n; start += batch)
        {
            var count = Math.Min(batch, n - start);
            index.Add([.. Enumerable.Range(start, count).Select(i => (ulong)i)], vectors[start..(start + count)]);
        }

        var buildSeconds = clock.Elapsed.TotalSeconds;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{n} clustered unit vectors, {d} dims, {q} queries; exact float brute force {exactMs:0.0} ms/query (one core); USearch HNSW f32 M=16 efConstruction=128 built in {buildSeconds:0.0} s"),
            "| k | recall@100 | p50 ms | p99 ms |",
            "|---|---|---|---|",
        };
        foreach (var expansion in new[] { 64, 128, 256, 512 })
        {
            using var tuned = expansion == 64 ? null : new USearchIndex(MetricKind.Ip, ScalarKind.Float32, (ulong)d, 16, 128, (ulong)expansion, false);
            var target = index;
            if (tuned is not null)
            {
                // The search expansion is fixed at construction in this binding: measure it on a copy built the same way.
                for (var start = 0; start < n; start += batch)
                {
                    var count = Math.Min(batch, n - start);
                    tuned.Add([.. Enumerable.Range(start, count).Select(i => (ulong)i)], vectors[start..(start + count)]);
                }

                target = tuned;
            }

            var latencies = new List<double>();
            var recall = 0.0;
            for (var i = 0; i < q; i++)
            {
                var watch = Stopwatch.StartNew();
                var found = target.Search(queries[i], 100, out var keys, out _);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                recall += keys.Take(found).Count(k => exact[i].Contains((int)k)) / 100.0;
            }

            latencies.Sort();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| efSearch {expansion} | {recall / q:0.000} | {latencies[q / 2]:0.00} | {latencies[Math.Min(q - 1, (int)(q * 0.99))]:0.00} |"));
            Console.WriteLine(lines[^1]);
        }

        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        if (outFile is not null)
        {
            File.WriteAllLines(outFile, lines);
        }

        return 0;
    }

    private static HashSet<int> TopK(float[][] vectors, float[] query, int k) =>
        [.. Enumerable.Range(0, vectors.Length).Select(i => (i, s: TensorPrimitives.Dot(vectors[i], query))).OrderByDescending(x => x.s).Take(k).Select(x => x.i)];

    private static float[] Gaussian(Random random, int d, float sigma) =>
        [.. Enumerable.Range(0, d).Select(_ => sigma * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];

    private static float[] Unit(float[] v)
    {
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
