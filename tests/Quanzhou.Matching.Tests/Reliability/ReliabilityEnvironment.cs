using System.Globalization;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>Knobs for the reliability suite: CI runs the full counts (QZM_KILL_RUNS, QZM_CONCURRENCY_SECONDS).</summary>
internal static class ReliabilityEnvironment
{
    public static int KillRuns => Read("QZM_KILL_RUNS", 40);

    public static int ConcurrencySeconds => Read("QZM_CONCURRENCY_SECONDS", 30);

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
