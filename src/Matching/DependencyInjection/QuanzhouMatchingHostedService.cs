using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quanzhou.Matching.Diagnostics;

namespace Quanzhou.Matching.DependencyInjection;

/// <summary>Opens every configured index, loads its model and SmartCn's dictionaries at host start-up (so the first request is fast); indexes close when the host disposes <see cref="MatchingIndexes"/>.</summary>
internal sealed class QuanzhouMatchingHostedService(MatchingIndexes indexes, ILogger<QuanzhouMatchingHostedService>? logger = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var preload = MatchEngine.PreloadAsync(cancellationToken);
        foreach (var name in indexes.Names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = indexes.GetIndex(name); // opens it while the dictionaries and the model load
        }

        await preload.ConfigureAwait(false);
        foreach (var name in indexes.Names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            indexes.GetIndex(name).Analyzer.Warmup();
            await indexes.GetMatcher(name).WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.WarmedUp((ILogger?)logger ?? NullLogger.Instance, clock.Elapsed.TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
