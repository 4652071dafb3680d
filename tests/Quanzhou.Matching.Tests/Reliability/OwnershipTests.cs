using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>
/// Document ownership, model-based: random sequences of upserts (single and bulk, with in-batch repeats), deletes and
/// visibility moves by several tenants over a small pool of ids (so clashes are frequent), applied to the index and to a
/// reference model; after every step every (id, tenant) read and every tenant's counts must agree with the model.
/// </summary>
[Trait("Category", "Reliability")]
public class OwnershipTests
{
    private static readonly string[] Tenants = [MatchDocument.DefaultTenant, "tenant-a", "tenant-b", "tenant-c"];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 6)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomOperations_NoTenantEverChangesAnotherTenantsDocuments(int seed)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, 8).Select(i => $"doc-{i}").ToArray();
        using var index = LuceneMatchIndex.CreateInMemory();
        var model = new Dictionary<string, (string Owner, Visibility Visibility, string Title)>(StringComparer.Ordinal);

        for (var step = 0; step < 60; step++)
        {
            var tenant = Tenants[random.Next(Tenants.Length)];
            switch (random.Next(4))
            {
                case 0: // one upsert
                {
                    var d = Document(random, ids, tenant, step, 0);
                    if (model.TryGetValue(d.Id, out var held) && held.Owner != tenant)
                    {
                        var refused = await Assert.ThrowsAsync<DocumentOwnershipException>(() => index.UpsertAsync(d));
                        Assert.Equal((d.Id, held.Owner, tenant), (refused.DocumentId, refused.Owner, refused.Tenant));
                    }
                    else
                    {
                        Assert.True((await index.UpsertAsync(d)).Accepted);
                        model[d.Id] = (tenant, d.Visibility, d.Title);
                    }

                    break;
                }

                case 1: // a bulk write by several tenants, with repeated ids
                {
                    var batch = Enumerable.Range(0, random.Next(1, 7))
                        .Select(i => Document(random, ids, Tenants[random.Next(Tenants.Length)], step, i))
                        .ToList();
                    var result = await index.UpsertManyAsync(batch);
                    var owners = new Dictionary<string, string>(StringComparer.Ordinal);
                    var last = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var d = batch[i];
                        var owner = owners.TryGetValue(d.Id, out var o) ? o : owners[d.Id] = model.TryGetValue(d.Id, out var held) ? held.Owner : d.Tenant;
                        if (owner != d.Tenant)
                        {
                            Assert.False(result.Outcomes[i].Accepted);
                            Assert.Equal(owner, result.Outcomes[i].Owner);
                        }
                        else
                        {
                            last[d.Id] = i;
                        }
                    }

                    for (var i = 0; i < batch.Count; i++)
                    {
                        var accepted = last.GetValueOrDefault(batch[i].Id, -1) == i;
                        Assert.True(accepted == result.Outcomes[i].Accepted, $"seed {seed} step {step}: outcome {i} of {batch[i].Id} by {batch[i].Tenant}");
                        if (accepted)
                        {
                            model[batch[i].Id] = (batch[i].Tenant, batch[i].Visibility, batch[i].Title);
                        }
                    }

                    break;
                }

                default: // delete
                {
                    var id = ids[random.Next(ids.Length)];
                    if (!model.TryGetValue(id, out var held))
                    {
                        Assert.False(await index.DeleteAsync(id, tenant));
                    }
                    else if (held.Owner != tenant)
                    {
                        var refused = await Assert.ThrowsAsync<DocumentOwnershipException>(() => index.DeleteAsync(id, tenant));
                        Assert.Equal(held.Owner, refused.Owner);
                    }
                    else
                    {
                        Assert.True(await index.DeleteAsync(id, tenant));
                        model.Remove(id);
                    }

                    break;
                }
            }

            await AssertMatchesModel(index, model, ids, $"seed {seed} step {step}");
        }
    }

    [Fact]
    public async Task OwnerMovesItsDocumentThroughEveryVisibility_OthersNeverSeeItWhilePrivate()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        foreach (var visibility in new[] { Visibility.Public, Visibility.Confidential, Visibility.Tenant, Visibility.Public, Visibility.Tenant })
        {
            Assert.True((await index.UpsertAsync(new TechAchievement("moving", "石墨烯导热膜") { Tenant = "tenant-a", Visibility = visibility })).Accepted);
            Assert.Equal(visibility, (await index.GetAsync("moving", "tenant-a"))!.Visibility);
            Assert.Equal(visibility == Visibility.Public, await index.GetAsync("moving", "tenant-b") is not null);
            Assert.Equal(1, (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments);
        }
    }

    [Fact]
    public async Task Rebuild_FirstCopyOfAnIdDecidesItsOwner_AndOldOwnershipNoLongerApplies()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertAsync(new TechAchievement("x", "旧文档") { Tenant = "tenant-a", Visibility = Visibility.Confidential });
        var result = await index.RebuildAsync([
            new TechAchievement("x", "新主人") { Tenant = "tenant-b" },
            new TechAchievement("x", "冒用") { Tenant = "tenant-c" },
        ]);
        Assert.True(result.Outcomes[0].Accepted);
        Assert.Equal("tenant-b", result.Outcomes[1].Owner);
        Assert.Equal("新主人", (await index.GetAsync("x", "tenant-c"))!.Title);
        Assert.Null((await index.GetStatisticsAsync("tenant-a")).DocumentCounts.Values.Where(c => c > 1).Cast<int?>().FirstOrDefault());
    }

    private static TechAchievement Document(Random random, string[] ids, string tenant, int step, int i) =>
        new(ids[random.Next(ids.Length)], $"{tenant}写入{step}-{i}")
        {
            Description = "石墨烯导热膜 防水透气膜",
            Tenant = tenant,
            Visibility = (Visibility)random.Next(3),
        };

    private static async Task AssertMatchesModel(LuceneMatchIndex index, Dictionary<string, (string Owner, Visibility Visibility, string Title)> model, string[] ids, string where)
    {
        foreach (var tenant in Tenants)
        {
            foreach (var id in ids)
            {
                var got = await index.GetAsync(id, tenant);
                var expected = model.TryGetValue(id, out var m) && (m.Visibility == Visibility.Public || m.Owner == tenant) ? m : ((string, Visibility, string)?)null;
                Assert.True(expected?.Item3 == got?.Title, $"{where}: {id} for {tenant}: expected {expected?.Item3 ?? "none"}, got {got?.Title ?? "none"}");
                if (got is not null)
                {
                    Assert.Equal((m.Owner, m.Visibility), (got.Tenant, got.Visibility));
                }
            }

            var visible = model.Values.Count(v => v.Visibility == Visibility.Public || v.Owner == tenant);
            Assert.Equal(visible, (await index.GetStatisticsAsync(tenant)).TotalDocuments);
        }

        Assert.Equal(model.Count, (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments);
    }
}
