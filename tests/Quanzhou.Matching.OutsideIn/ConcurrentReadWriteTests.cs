using System.Collections.Concurrent;
using System.Diagnostics;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// Four readers and one writer on one folder index for about 20 s. The writer adds new documents, rewrites and deletes
/// its own churn documents and moves them between visibilities; readers get stable documents (never written during the
/// run: never null), documents the writer has acknowledged (never null once acknowledged) and match (never throws).
/// </summary>
public sealed class ConcurrentReadWriteTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);
    private static readonly string[] Tenants = [MatchDocument.DefaultTenant, "t-a", "t-b"];
    private readonly string _folder = Directory.CreateTempSubdirectory("qzm-outside-concurrent-").FullName;

    [Fact]
    public async Task FourReadersOneWriter_StableAndAcknowledgedDocumentsAlwaysFound_MatchNeverThrows()
    {
        var corpus = new Corpus(77);
        var stable = new List<MatchDocument>();
        for (var i = 0; i < 60; i++)
        {
            var tenant = Tenants[i % 3];
            var visibility = (Visibility)(i % 3 == 0 ? 0 : corpus.Random.Next(3));
            stable.Add(i % 2 == 0 ? corpus.Achievement($"stable-{i}", tenant, visibility) : corpus.Need($"stable-{i}", tenant, visibility));
        }

        using var index = LuceneMatchIndex.Open(_folder);
        Assert.Equal(stable.Count, (await index.UpsertManyAsync(stable)).Accepted);
        var engine = new MatchEngine(index);
        var acknowledged = new ConcurrentDictionary<string, MatchDocument>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(Duration);
        var writes = 0;
        var reads = 0;

        var writer = Task.Run(async () =>
        {
            var random = new Random(1);
            var w = new Corpus(2);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    var tenant = Tenants[n % 3];
                    switch (random.Next(4))
                    {
                        case 0:
                        case 1:
                            var batch = Enumerable.Range(0, 1 + random.Next(8)).Select(k => (MatchDocument)w.Achievement($"new-{n}-{k}", tenant, (Visibility)random.Next(3))).ToArray();
                            var result = await index.UpsertManyAsync(batch);
                            foreach (var (doc, outcome) in batch.Zip(result.Outcomes))
                            {
                                if (!outcome.Accepted)
                                {
                                    failures.Enqueue($"writer: new document {doc.Id} refused: {outcome.Reason}");
                                }
                                else
                                {
                                    acknowledged[doc.Id] = doc;
                                }
                            }

                            break;
                        case 2:
                            // Churn documents: rewritten and moved between visibilities by their owner; readers don't check them.
                            var churn = $"churn-{random.Next(10)}";
                            await index.UpsertAsync(w.Need(churn, "t-c", (Visibility)random.Next(3)));
                            break;
                        default:
                            await index.DeleteAsync($"churn-{random.Next(10)}", "t-c");
                            break;
                    }

                    Interlocked.Increment(ref writes);
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"writer: {ex.GetType().Name}: {ex.Message}");
                }
            }
        });

        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var random = new Random(100 + r);
            var q = new Corpus(200 + r);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var doc = stable[random.Next(stable.Count)];
                    if (await index.GetAsync(doc.Id, doc.Tenant) is null)
                    {
                        failures.Enqueue($"reader {r}: GetAsync({doc.Id}, {doc.Tenant}) of a stable document returned null");
                    }

                    var acked = acknowledged.Values.ToArray(); // acknowledged before this read started
                    if (acked.Length > 0)
                    {
                        var a = acked[random.Next(acked.Length)];
                        if (await index.GetAsync(a.Id, a.Tenant) is null)
                        {
                            failures.Enqueue($"reader {r}: GetAsync({a.Id}, {a.Tenant}) of an acknowledged document returned null");
                        }
                    }

                    var source = stable[random.Next(stable.Count)];
                    var tenant = random.Next(3) == 0 ? source.Tenant : Tenants[random.Next(Tenants.Length)];
                    var results = await engine.MatchAsync(
                        tenant == source.Tenant ? MatchRequest.ForId(source.Id, tenant) : MatchRequest.ForText(q.Text(6), tenant),
                        new MatchOptions { Retrieval = (CandidateRetrieval)random.Next(3), CollapseDuplicates = random.Next(2) == 0 });
                    if (results.Items.FirstOrDefault(i => !i.Document.IsVisibleTo(tenant)) is { } leaked)
                    {
                        failures.Enqueue($"reader {r}: MatchAsync for {tenant} returned {leaked.Id} of {leaked.Document.Tenant} ({leaked.Document.Visibility})");
                    }

                    Interlocked.Increment(ref reads);
                }
                catch (DocumentNotFoundException ex)
                {
                    failures.Enqueue($"reader {r}: ForId of a stable document by its owner threw {ex.Message}");
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"reader {r}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        })).ToArray();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll([writer, .. readers]).WaitAsync(Duration + TimeSpan.FromMinutes(2));
        Assert.True(failures.IsEmpty, $"{failures.Count} failures in {clock.Elapsed.TotalSeconds:0} s ({writes} writes, {reads} read rounds); first ones:\n{string.Join("\n", failures.Take(15))}");
        Assert.True(writes > 10 && reads > 10, $"too little work to mean anything: {writes} writes, {reads} read rounds");

        foreach (var (id, doc) in acknowledged.Concat(stable.Select(s => KeyValuePair.Create(s.Id, s))))
        {
            Assert.True(await index.GetAsync(id, doc.Tenant) is not null, $"{id} missing after the run");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
