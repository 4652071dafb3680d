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
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // SmartCn's dictionaries load on another thread while this one opens each index and loads the ranker it is
        // configured with (the shipped model, a model folder or BM25); then one warm-up query per index.
        var dictionaries = Task.Run(SmartCnTextAnalyzer.Default.Warmup, cancellationToken);
        foreach (var name in indexes.Names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = indexes.GetMatcher(name);
        }

        await dictionaries.ConfigureAwait(false);
        foreach (var name in indexes.Names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await indexes.GetMatcher(name).WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.WarmedUp((ILogger?)logger ?? NullLogger.Instance, clock.Elapsed.TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
