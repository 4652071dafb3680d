using System.Collections.Concurrent;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Reliability;

[Trait("Category", "Reliability")]
public class ConcurrencyTests
{
    private static readonly string[] Queries = ["防水透气膜", "钠离子电池储能", "印染废水回用", "鞋底发泡中底", "数控机床热误差", "石墨烯导热"];

    [Fact]
    public async Task ConcurrencyFourReadersOneWriter_NoErrorsNoLostDocumentsAndStableResults()
    {
        var root = TestFixtures.NewTempDirectory();
        using var index = LuceneMatchIndex.Open(root);
        await index.UpsertManyAsync(TestFixtures.Documents);
        var engine = new MatchEngine(index);
        var acknowledged = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(ReliabilityEnvironment.ConcurrencySeconds));

        var writer = Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var docs = Enumerable.Range(0, 5).Select(i => (MatchDocument)new TechAchievement($"w{batch}-{i}", $"并发写入成果{batch}-{i}")
                {
                    Description = $"{Queries[(batch + i) % Queries.Length]}相关技术第{batch}批",
                }).ToList();
                try
                {
                    await index.UpsertManyAsync(docs);
                    foreach (var d in docs)
                    {
                        acknowledged.Enqueue(d.Id);
                    }
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
                }
            }
        });

        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var results = await engine.MatchAsync(MatchRequest.ForText(Queries[random.Next(Queries.Length)], "quanzhou"), new MatchOptions { Top = 10 });
                    Assert.All(results.Items, i => Assert.True(double.IsFinite(i.Score)));

                    // Every acknowledged document is searchable (writes commit and refresh before they return).
                    var ids = acknowledged.ToArray();
                    if (ids.Length > 0 && await index.GetAsync(ids[random.Next(ids.Length)], "quanzhou") is null)
                    {
                        throw new InvalidOperationException("an acknowledged document was not found");
                    }
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
                }
            }
        })).ToArray();

        await Task.WhenAll(readers.Append(writer));
        Assert.Empty(errors);
        Assert.NotEmpty(acknowledged);
        foreach (var id in acknowledged)
        {
            Assert.NotNull(await index.GetAsync(id, "quanzhou"));
        }

        // On the final snapshot, concurrent queries give exactly the single-threaded results.
        var expected = new Dictionary<string, (string, double)[]>();
        foreach (var q in Queries)
        {
            expected[q] = (await engine.MatchAsync(MatchRequest.ForText(q, "quanzhou"))).Items.Select(i => (i.Id, i.Score)).ToArray();
        }

        await Parallel.ForAsync(0, 120, async (i, ct) =>
        {
            var q = Queries[i % Queries.Length];
            var got = (await engine.MatchAsync(MatchRequest.ForText(q, "quanzhou"), null, ct)).Items.Select(x => (x.Id, x.Score)).ToArray();
            Assert.Equal(expected[q], got);
        });
    }

    [Fact]
    public async Task ConcurrencyDisposeWhileBusy_NoHangAndOnlyTypedErrors()
    {
        var index = LuceneMatchIndex.Open(TestFixtures.NewTempDirectory());
        await index.UpsertManyAsync(TestFixtures.Documents);
        var engine = new MatchEngine(index);
        var unexpected = new ConcurrentQueue<Exception>();
        var running = true;

        async Task Loop(Func<int, Task> work)
        {
            for (var i = 0; Volatile.Read(ref running); i++)
            {
                try
                {
                    await work(i);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (MatchingException)
                {
                    return;
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue(ex);
                    return;
                }
            }
        }

        var tasks = new List<Task>
        {
            Task.Run(() => Loop(i => index.UpsertManyAsync([new TechAchievement($"d{i}", "释放时写入") { Description = "防水透气膜" }]))),
        };
        tasks.AddRange(Enumerable.Range(0, 3).Select(r => Task.Run(() => Loop(i => engine.MatchAsync(MatchRequest.ForText(Queries[(i + r) % Queries.Length], "quanzhou"))))));
        await Task.Delay(1500);
        var dispose = Task.Run(index.Dispose);
        Assert.True(await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(60))) == dispose, "Dispose hung");
        Volatile.Write(ref running, false);
        Assert.True(await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(TimeSpan.FromSeconds(60))) != null);
        await Task.WhenAll(tasks);
        Assert.Empty(unexpected);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.MatchAsync(MatchRequest.ForText("防水", "quanzhou")));
    }

    [Fact]
    public async Task ConcurrencyRankingScores_EqualSingleThreadedScores()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, LearnedMatchRanker.Default);
        var expected = new Dictionary<string, double[]>();
        foreach (var q in Queries)
        {
            expected[q] = (await engine.MatchAsync(MatchRequest.ForText(q, "quanzhou"))).Items.Select(i => i.Score).ToArray();
        }

        await Parallel.ForAsync(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var q = Queries[i % Queries.Length];
            Assert.Equal(expected[q], (await engine.MatchAsync(MatchRequest.ForText(q, "quanzhou"), null, ct)).Items.Select(x => x.Score).ToArray());
        });
    }
}
