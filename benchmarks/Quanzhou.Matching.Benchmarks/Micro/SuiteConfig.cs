using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// The suite's default configuration: a short job (1 launch, 3 warm-up and 3 measured iterations, like ShortRun) so the whole suite
/// fits in about 15 minutes on a 2-core machine; GitHub markdown reports. Pass BenchmarkDotNet's own options
/// (<c>--job Default</c>, <c>--filter</c> …) for longer or narrower runs.
/// </summary>
internal sealed class SuiteConfig : ManualConfig
{
    public SuiteConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithId("Short-2core")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(3)
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .AsDefault());
        AddExporter(MarkdownExporter.GitHub);
        WithOption(ConfigOptions.JoinSummary, false);
    }
}
