using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Diagnostics;

namespace Quanzhou.Matching.DependencyInjection;

/// <summary>Opens every configured index, loads its model and SmartCn's dictionaries at host start-up (so the first request is fast); indexes close when the host disposes <see cref="MatchingIndexes"/>.</summary>
internal sealed class QuanzhouMatchingHostedService(MatchingIndexes indexes, ILogger<QuanzhouMatchingHostedService>? logger = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        SmartCnTextAnalyzer.Default.Warmup();
        foreach (var name in indexes.Names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            indexes.GetIndex(name).Analyzer.Warmup();
            _ = indexes.GetMatcher(name);
        }

        Log.WarmedUp((ILogger?)logger ?? NullLogger.Instance, clock.Elapsed.TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
