using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quanzhou.Matching;
using Quanzhou.Matching.Serialization;

namespace WebPortal;

/// <summary>Indexes the bundled demo corpus (Data/*.jsonl) into the default index at start-up; unhealthy until done.</summary>
internal sealed class DemoCorpus(MatchIndex index, IConfiguration configuration, ILogger<DemoCorpus> logger) : IHostedService, IHealthCheck
{
    private volatile string? _loaded;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, configuration["DemoCorpus:Folder"] ?? "Data");
        var records = Directory.GetFiles(folder, "*.jsonl").Order().SelectMany(MatchDocumentJson.ReadFile).ToList();
        foreach (var bad in records.Where(r => r.Error is not null))
        {
            logger.LogWarning("Demo corpus line skipped: {Error}", bad.Error);
        }

        var result = await index.UpsertManyAsync(records.Where(r => r.Document is not null).Select(r => r.Document!), cancellationToken: cancellationToken);
        _loaded = $"{result.Accepted} demo documents indexed";
        logger.LogInformation("Demo corpus: {Accepted} documents indexed, {Rejected} rejected", result.Accepted, result.Rejected);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_loaded is { } loaded ? HealthCheckResult.Healthy(loaded) : HealthCheckResult.Unhealthy("The demo corpus is still being indexed."));
}
