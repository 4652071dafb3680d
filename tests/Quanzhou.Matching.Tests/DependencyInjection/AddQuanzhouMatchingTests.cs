using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quanzhou.Matching.DependencyInjection;
using Quanzhou.Matching.Diagnostics;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.DependencyInjection;

public class AddQuanzhouMatchingTests
{
    [Fact]
    public async Task AddQuanzhouMatching_Defaults_ResolveSingletonIndexAndMatcherAfterWarmUp()
    {
        await using var provider = new ServiceCollection().AddQuanzhouMatching().BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var index = provider.GetRequiredService<LuceneMatchIndex>();
        Assert.Same(index, provider.GetRequiredService<MatchIndex>());
        Assert.Same(provider.GetRequiredService<MatchEngine>(), provider.GetRequiredService<IMatcher>());
        await index.UpsertManyAsync(TestFixtures.Documents);
        var results = await provider.GetRequiredService<IMatcher>().MatchAsync(MatchRequest.ForId("n-membrane", "quanzhou"));
        Assert.Equal("a-membrane", results.Items[0].Id);
        Assert.Equal("learned", results.Ranker);
    }

    [Fact]
    public async Task AddQuanzhouMatching_BoundFromConfiguration_OpensNamedIndexes()
    {
        var folder = TestFixtures.NewTempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuanzhouMatching:DefaultIndex"] = "portal",
            ["QuanzhouMatching:Indexes:portal:Path"] = folder,
            ["QuanzhouMatching:Indexes:portal:Ranker"] = "bm25",
            ["QuanzhouMatching:Indexes:scratch:Ranker"] = "learned",
        }).Build();
        await using var provider = new ServiceCollection().AddQuanzhouMatching(configuration.GetSection(QuanzhouMatchingOptions.SectionName)).BuildServiceProvider();
        var indexes = provider.GetRequiredService<MatchingIndexes>();
        Assert.Equal("bm25", indexes.GetMatcher().Ranker.Name);
        Assert.Equal(Path.GetFullPath(folder), indexes.GetIndex().Name);
        Assert.Equal("memory", indexes.GetIndex("scratch").Name);
        Assert.Throws<ArgumentException>(() => indexes.GetIndex("missing"));
    }

    [Fact]
    public async Task AddQuanzhouMatching_InvalidSettings_AllReportedInOneMessage()
    {
        await using var provider = new ServiceCollection().AddQuanzhouMatching(o =>
        {
            o.DefaultIndex = "nope";
            o.Indexes["a"] = new MatchIndexSettings { Ranker = "magic", IndexingThreads = 0, SearchThreadsPerQuery = 0, ModelDirectory = "/does/not/exist" };
        }).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QuanzhouMatchingOptions>>().Value);
        Assert.Contains("DefaultIndex 'nope'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Ranker 'magic'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IndexingThreads 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SearchThreadsPerQuery 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ModelDirectory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_ReportsDocumentsAndModel()
    {
        await using var provider = new ServiceCollection().AddQuanzhouMatching().BuildServiceProvider();
        await provider.GetRequiredService<LuceneMatchIndex>().UpsertManyAsync(TestFixtures.Documents);
        var result = await new QuanzhouMatchingHealthCheck(provider.GetRequiredService<MatchingIndexes>()).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(TestFixtures.Documents.Count, result.Data["default.documents"]);
        Assert.Equal(LearnedMatchRanker.Default.Manifest.ModelSha256, result.Data["default.model_sha256"]);
    }

    [Fact]
    public async Task Disposal_ClosesIndexes()
    {
        var provider = new ServiceCollection().AddQuanzhouMatching().BuildServiceProvider();
        var index = provider.GetRequiredService<LuceneMatchIndex>();
        await provider.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.GetStatisticsForAllTenantsAsync());
    }

    [Fact]
    public async Task Telemetry_EmitsActivitiesAndLatencyHistograms()
    {
        var activities = new List<string>();
        var measurements = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MatchingTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => { lock (activities) { activities.Add(a.OperationName); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MatchingTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => { lock (measurements) { measurements.Add(instrument.Name); } });
        meters.Start();

        using var index = await TestFixtures.CreateIndexAsync();
        await new MatchEngine(index).MatchAsync(MatchRequest.ForText("防水透气膜", "quanzhou"));

        Assert.Contains("index.upsert", activities);
        Assert.Contains("match", activities);
        Assert.Contains("quanzhou.matching.index.duration", measurements);
        Assert.Contains("quanzhou.matching.retrieve.duration", measurements);
        Assert.Contains("quanzhou.matching.rank.duration", measurements);
    }
}
