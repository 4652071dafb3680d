namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>Latency percentiles (nearest rank, as the Java peer computes them) and throughput of one timed pass.</summary>
internal sealed record LatencySummary(int Queries, double P50Ms, double P95Ms, double P99Ms, double MeanMs, double MaxMs, double QueriesPerSecond)
{
    public static LatencySummary From(IReadOnlyList<double> latenciesMs, double wallSeconds)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Percentile(sorted, 50),
            Percentile(sorted, 95),
            Percentile(sorted, 99),
            sorted.Length == 0 ? 0 : sorted.Average(),
            sorted.Length == 0 ? 0 : sorted[^1],
            wallSeconds > 0 ? sorted.Length / wallSeconds : 0);
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
