using System.Text;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// Model-based test of the ownership contract: a seeded random sequence of writes (single and bulk upserts, rebuilds,
/// deletes, visibility moves) over a small id pool and four tenants runs against the index and against a dictionary
/// model; after every step every id × tenant read, every tenant's statistics and every outcome must agree.
/// </summary>
public sealed class TenantOwnershipTests
{
    private static readonly string[] Tenants = [MatchDocument.DefaultTenant, "t-a", "t-b", "t-c"];
    private static readonly string[] Ids = ["d0", "d1", "d2", "d3", "d4", "d5"];
    private const int Steps = 90;

    public static TheoryData<int, bool> Seeds() => new()
    {
        { 1, false }, { 2, false }, { 3, false }, { 4, false }, { 5, false }, { 6, false }, { 7, true }, { 8, true },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomWrites_AgreeWithOwnershipModel(int seed, bool onDisk)
    {
        var corpus = new Corpus(seed);
        var folder = onDisk ? Directory.CreateTempSubdirectory("qzm-outside-own-").FullName : null;
        var index = Open(folder);
        var model = new Dictionary<string, MatchDocument>(StringComparer.Ordinal);
        var log = new StringBuilder();
        var version = 0;
        var refusals = 0;
        try
        {
            for (var step = 0; step < Steps; step++)
            {
                var op = corpus.Random.Next(100);
                string description;
                if (op < 30)
                {
                    var doc = RandomDocument(corpus, model, ++version);
                    description = $"UpsertAsync({Describe(doc)})";
                    var owner = model.TryGetValue(doc.Id, out var existing) ? existing.Tenant : null;
                    if (owner is not null && owner != doc.Tenant)
                    {
                        refusals++;
                        var ex = await Assert.ThrowsAsync<DocumentOwnershipException>(() => index.UpsertAsync(doc));
                        Check(ex.DocumentId == doc.Id && ex.Owner == owner && ex.Tenant == doc.Tenant,
                            $"DocumentOwnershipException(DocumentId={ex.DocumentId}, Owner={ex.Owner}, Tenant={ex.Tenant}); expected ({doc.Id}, {owner}, {doc.Tenant})", log, $"seed {seed} step {step}: {description}");
                    }
                    else
                    {
                        var outcome = await index.UpsertAsync(doc);
                        Check(outcome.Accepted && outcome.Owner is null, $"outcome {outcome}; expected accepted", log, $"seed {seed} step {step}: {description}");
                        model[doc.Id] = doc;
                    }
                }
                else if (op < 65 || op >= 95)
                {
                    var rebuild = op >= 95;
                    var batch = Enumerable.Range(0, 1 + corpus.Random.Next(6)).Select(_ => RandomDocument(corpus, model, ++version)).ToArray();
                    description = $"{(rebuild ? "RebuildAsync" : "UpsertManyAsync")}([{string.Join(", ", batch.Select(Describe))}])";
                    var expected = ExpectedBatch(rebuild ? new Dictionary<string, MatchDocument>(StringComparer.Ordinal) : model, batch, out var after);
                    var result = rebuild ? await index.RebuildAsync(batch) : await index.UpsertManyAsync(batch);
                    Check(result.Outcomes.Count == batch.Length, $"{result.Outcomes.Count} outcomes for {batch.Length} documents", log, $"seed {seed} step {step}: {description}");
                    for (var i = 0; i < batch.Length; i++)
                    {
                        var actual = result.Outcomes[i];
                        var (accepted, owner) = expected[i];
                        Check(actual.Id == batch[i].Id && actual.Accepted == accepted && actual.Owner == owner,
                            $"outcome[{i}] = (Id={actual.Id}, Accepted={actual.Accepted}, Owner={actual.Owner ?? "null"}, Reason={actual.Reason}); expected (Id={batch[i].Id}, Accepted={accepted}, Owner={owner ?? "null"})", log, $"seed {seed} step {step}: {description}");
                    }

                    model.Clear();
                    foreach (var (id, doc) in after)
                    {
                        model[id] = doc;
                    }
                }
                else if (op < 80)
                {
                    var id = corpus.Pick(Ids);
                    var tenant = model.TryGetValue(id, out var existing) && corpus.Random.Next(2) == 0 ? existing.Tenant : corpus.Pick(Tenants);
                    description = $"DeleteAsync({id}, {tenant})";
                    if (existing is null)
                    {
                        Check(!await index.DeleteAsync(id, tenant), "true; expected false (absent)", log, $"seed {seed} step {step}: {description}");
                    }
                    else if (existing.Tenant != tenant)
                    {
                        var ex = await Assert.ThrowsAsync<DocumentOwnershipException>(() => index.DeleteAsync(id, tenant));
                        Check(ex.DocumentId == id && ex.Owner == existing.Tenant && ex.Tenant == tenant,
                            $"DocumentOwnershipException(DocumentId={ex.DocumentId}, Owner={ex.Owner}, Tenant={ex.Tenant}); expected ({id}, {existing.Tenant}, {tenant})", log, $"seed {seed} step {step}: {description}");
                    }
                    else
                    {
                        Check(await index.DeleteAsync(id, tenant), "false; expected true (own document)", log, $"seed {seed} step {step}: {description}");
                        model.Remove(id);
                    }
                }
                else
                {
                    // The owner moves one of its documents to another visibility.
                    if (model.Count == 0)
                    {
                        continue;
                    }

                    var existing = corpus.Pick(model.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray());
                    var visibility = (Visibility)(((int)existing.Visibility + 1 + corpus.Random.Next(2)) % 3);
                    var moved = corpus.Any(existing.Id, existing.Tenant, visibility, $"v{++version}");
                    description = $"move UpsertAsync({Describe(moved)}) from {existing.Visibility}";
                    var outcome = await index.UpsertAsync(moved);
                    Check(outcome.Accepted, $"outcome {outcome}; expected accepted", log, $"seed {seed} step {step}: {description}");
                    model[moved.Id] = moved;
                }

                log.AppendLine(FormattableString.Invariant($"step {step}: {description}"));
                if (onDisk && step % 30 == 29)
                {
                    // Ownership must survive closing and reopening the folder.
                    await index.DisposeAsync();
                    index = Open(folder);
                    log.AppendLine("  (reopened)");
                }

                await CompareAsync(index, model, log, seed, step);
            }

            Assert.True(refusals > 0, $"seed {seed}: the sequence never tried to write another tenant's document");
        }
        finally
        {
            await index.DisposeAsync();
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static LuceneMatchIndex Open(string? folder) =>
        folder is null ? LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = 1 }) : LuceneMatchIndex.Open(folder, new LuceneMatchIndexOptions { IndexingThreads = 1 });

    private static MatchDocument RandomDocument(Corpus corpus, Dictionary<string, MatchDocument> model, int version)
    {
        var id = corpus.Pick(Ids);
        // Mostly the owner writes (so documents change), often another tenant (so clashes are frequent).
        var tenant = model.TryGetValue(id, out var existing) && corpus.Random.Next(2) == 0 ? existing.Tenant : corpus.Pick(Tenants);
        return corpus.Any(id, tenant, (Visibility)corpus.Random.Next(3), $"v{version}");
    }

    /// <summary>The contract's batch rule: owner = owner in the index, else the first copy's tenant; last of the owner's copies wins.</summary>
    private static (bool Accepted, string? Owner)[] ExpectedBatch(Dictionary<string, MatchDocument> before, MatchDocument[] batch, out Dictionary<string, MatchDocument> after)
    {
        after = new Dictionary<string, MatchDocument>(before, StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastAccepted = new Dictionary<string, int>(StringComparer.Ordinal);
        var expected = new (bool, string?)[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            var d = batch[i];
            if (!owners.TryGetValue(d.Id, out var owner))
            {
                owner = before.TryGetValue(d.Id, out var existing) ? existing.Tenant : d.Tenant;
                owners[d.Id] = owner;
            }

            if (owner != d.Tenant)
            {
                expected[i] = (false, owner);
                continue;
            }

            if (lastAccepted.TryGetValue(d.Id, out var earlier))
            {
                expected[earlier] = (false, null); // superseded
            }

            lastAccepted[d.Id] = i;
            expected[i] = (true, null);
            after[d.Id] = d;
        }

        return expected;
    }

    private static async Task CompareAsync(LuceneMatchIndex index, Dictionary<string, MatchDocument> model, StringBuilder log, int seed, int step)
    {
        foreach (var tenant in Tenants)
        {
            foreach (var id in Ids)
            {
                var expected = model.TryGetValue(id, out var d) && d.IsVisibleTo(tenant) ? d : null;
                var actual = await index.GetAsync(id, tenant);
                if (Describe(expected) != Describe(actual))
                {
                    Assert.Fail($"seed {seed} step {step}: GetAsync({id}, {tenant}) = {Describe(actual)}; expected {Describe(expected)}\n{Tail(log)}");
                }
            }

            var stats = await index.GetStatisticsAsync(tenant);
            foreach (var kind in Enum.GetValues<DocumentKind>())
            {
                var expectedCount = model.Values.Count(v => v.Kind == kind && v.IsVisibleTo(tenant));
                var actualCount = stats.DocumentCounts.GetValueOrDefault(kind);
                if (expectedCount != actualCount)
                {
                    Assert.Fail($"seed {seed} step {step}: GetStatisticsAsync({tenant}).DocumentCounts[{kind}] = {actualCount}; expected {expectedCount}\n{Tail(log)}");
                }
            }
        }

        var all = await index.GetStatisticsForAllTenantsAsync();
        if (all.TotalDocuments != model.Count)
        {
            Assert.Fail($"seed {seed} step {step}: GetStatisticsForAllTenantsAsync().TotalDocuments = {all.TotalDocuments}; expected {model.Count}\n{Tail(log)}");
        }
    }

    private static void Check(bool condition, string actual, StringBuilder log, string operation)
    {
        if (!condition)
        {
            Assert.Fail($"{operation}: {actual}\n{Tail(log)}");
        }
    }

    private static string Tail(StringBuilder log)
    {
        var lines = log.ToString().Split('\n');
        return "history (last 15 steps):\n" + string.Join('\n', lines.TakeLast(16));
    }

    private static string Describe(MatchDocument? d) => d is null ? "null" : $"{d.Kind} {d.Id} '{d.Title}' tenant={d.Tenant} {d.Visibility}";
}
