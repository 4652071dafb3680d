using System.Collections.Concurrent;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>
/// Reads stay consistent while writes go on: a document that exists and is not being written is always found, by every
/// tenant that may see it, while a writer upserts, moves between visibilities (creating tenant partitions) and deletes
/// other documents; every read sees one snapshot of all its partitions.
/// </summary>
[Trait("Category", "Reliability")]
public class ReadConsistencyTests
{
    private static readonly string[] Tenants = [MatchDocument.DefaultTenant, "tenant-a", "tenant-b"];

    [Fact]
    public async Task FourReadersOneWriter_UntouchedDocumentsAreAlwaysFound()
    {
        using var index = LuceneMatchIndex.Open(TestFixtures.NewTempDirectory());
        var stable = new List<MatchDocument>();
        for (var i = 0; i < 30; i++)
        {
            var tenant = Tenants[i % Tenants.Length];
            stable.Add(new TechNeed($"need-{i:D3}", $"稳定需求{i}") { Description = "防水透气膜 钠离子电池", Tenant = tenant, Visibility = (Visibility)(i % 3) });
            stable.Add(new TechAchievement($"ach-{i:D3}", $"稳定成果{i}") { Description = "防水透气膜 钠离子电池", Tenant = tenant, Visibility = (Visibility)(i % 3) });
        }

        await index.UpsertManyAsync(stable);
        var engine = new MatchEngine(index);
        var errors = new ConcurrentQueue<string>();
        var rounds = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Min(ReliabilityEnvironment.ConcurrencySeconds, 20)));

        var writer = Task.Run(async () =>
        {
            var random = new Random(7);
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                try
                {
                    var tenant = Tenants[random.Next(Tenants.Length)];
                    var docs = Enumerable.Range(0, random.Next(1, 30)).Select(i => (MatchDocument)new TechAchievement($"cw-{tenant}-{random.Next(40)}", $"并发写入{batch}")
                    {
                        Description = "防水透气膜 钠离子电池 石墨烯导热膜",
                        Tenant = tenant,
                        Visibility = (Visibility)random.Next(3),
                    }).ToList();
                    await index.UpsertManyAsync(docs);
                    if (random.Next(3) == 0)
                    {
                        await index.DeleteAsync($"cw-{tenant}-{random.Next(40)}", tenant);
                    }
                }
                catch (Exception ex)
                {
                    errors.Enqueue("writer: " + ex);
                }
            }
        });

        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref rounds);
                var d = stable[random.Next(stable.Count)];
                foreach (var tenant in Tenants)
                {
                    var visible = d.Visibility == Visibility.Public || d.Tenant == tenant;
                    try
                    {
                        var got = await index.GetAsync(d.Id, tenant);
                        if ((got is not null) != visible)
                        {
                            errors.Enqueue($"GetAsync({d.Id}, {tenant}) returned {(got is null ? "null" : "a document")}");
                        }

                        // Every tenant sees at least the public stable achievements, which match every stable need.
                        if (r == 0 && visible && d.Kind == DocumentKind.Need)
                        {
                            var matches = await engine.MatchAsync(MatchRequest.ForId(d.Id, tenant), new MatchOptions { Top = 5 });
                            if (matches.Items.Count == 0)
                            {
                                errors.Enqueue($"no matches for {d.Id}");
                            }
                        }
                    }
                    catch (Exception ex)
                    {
                        errors.Enqueue($"{d.Id}/{tenant}: {ex}");
                    }
                }
            }
        })).ToArray();

        await Task.WhenAll(readers.Append(writer));
        Assert.True(errors.IsEmpty, $"{errors.Count} errors in {rounds} rounds; first: {errors.FirstOrDefault()}");
        Assert.True(rounds > 100, $"only {rounds} rounds");
    }
}
