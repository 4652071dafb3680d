using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.DependencyInjection;

/// <summary>Reports whether every configured index is readable, with its document counts and ranking model.</summary>
/// <remarks>Register with <c>services.AddHealthChecks().AddCheck&lt;QuanzhouMatchingHealthCheck&gt;("matching")</c>.</remarks>
public sealed class QuanzhouMatchingHealthCheck : IHealthCheck
{
    private readonly MatchingIndexes _indexes;

    /// <summary>Creates the check.</summary>
    /// <param name="indexes">The configured indexes.</param>
    public QuanzhouMatchingHealthCheck(MatchingIndexes indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        _indexes = indexes;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        try
        {
            foreach (var name in _indexes.Names)
            {
                var stats = await _indexes.GetIndex(name).GetStatisticsForAllTenantsAsync(cancellationToken).ConfigureAwait(false);
                var ranker = _indexes.GetMatcher(name).Ranker;
                data[$"{name}.documents"] = stats.TotalDocuments;
                data[$"{name}.last_commit"] = stats.LastCommit?.ToString("o", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
                data[$"{name}.ranker"] = ranker.Name;
                if (ranker.GetService(typeof(LearnedMatchRanker)) is LearnedMatchRanker learned)
                {
                    data[$"{name}.model_sha256"] = learned.Manifest.ModelSha256;
                }
            }

            return HealthCheckResult.Healthy("All indexes are readable.", data);
        }
        catch (Exception ex) when (ex is MatchingException or IOException or ObjectDisposedException or ArgumentException)
        {
            return HealthCheckResult.Unhealthy($"An index is not readable: {ex.Message}", ex, data);
        }
    }
}
