using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Quanzhou.Matching.Diagnostics;

/// <summary>
/// OpenTelemetry-compatible instrumentation: an <see cref="ActivitySource"/> and a <see cref="Meter"/>, both named
/// <c>Quanzhou.Matching</c>, with activities and latency histograms for index, retrieve, rank and train.
/// </summary>
/// <remarks>Subscribe with e.g. <c>AddSource(MatchingTelemetry.ActivitySourceName)</c> / <c>AddMeter(MatchingTelemetry.MeterName)</c>.</remarks>
public static class MatchingTelemetry
{
    /// <summary>The activity source name.</summary>
    public const string ActivitySourceName = "Quanzhou.Matching";

    /// <summary>The meter name.</summary>
    public const string MeterName = "Quanzhou.Matching";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(MatchingTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(MeterName, typeof(MatchingTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Histogram<double> IndexDuration = Meter.CreateHistogram<double>("quanzhou.matching.index.duration", "ms", "Duration of bulk writes (upsert, rebuild, delete).");
    internal static readonly Counter<long> IndexedDocuments = Meter.CreateCounter<long>("quanzhou.matching.index.documents", "{document}", "Documents written (accepted).");
    internal static readonly Histogram<double> RetrieveDuration = Meter.CreateHistogram<double>("quanzhou.matching.retrieve.duration", "ms", "Candidate retrieval and feature extraction per query.");
    internal static readonly Histogram<double> RankDuration = Meter.CreateHistogram<double>("quanzhou.matching.rank.duration", "ms", "Ranking and explanation per query.");
    internal static readonly Counter<long> Matches = Meter.CreateCounter<long>("quanzhou.matching.match.count", "{query}", "Match calls.");
    internal static readonly Histogram<double> TrainDuration = Meter.CreateHistogram<double>("quanzhou.matching.train.duration", "s", "Model training time.");
}
