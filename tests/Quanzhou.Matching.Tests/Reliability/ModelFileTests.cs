using System.Collections.Concurrent;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Tests.Ranking;

namespace Quanzhou.Matching.Tests.Reliability;

[Trait("Category", "Reliability")]
public class ModelFileTests
{
    [Fact]
    public void ModelCorruptedBytes_AreRejectedBeforeUse()
    {
        var (model, manifest) = LearnedMatchRankerTests.ShippedModel();
        var corrupted = (byte[])model.Clone();
        corrupted[corrupted.Length / 2] ^= 0xFF;
        Assert.Throws<InvalidModelException>(() => LearnedMatchRanker.Load(corrupted, manifest));
    }

    [Fact]
    public void ModelTruncated_IsRejected()
    {
        var (model, manifest) = LearnedMatchRankerTests.ShippedModel();
        Assert.Throws<InvalidModelException>(() => LearnedMatchRanker.Load(model[..(model.Length / 3)], manifest));
    }

    [Fact]
    public void ModelSchemaMismatch_IsRejected()
    {
        var (model, manifest) = LearnedMatchRankerTests.ShippedModel();
        var wrong = manifest with { FeatureNames = manifest.FeatureNames.Take(3).ToArray() };
        var ex = Assert.Throws<InvalidModelException>(() => LearnedMatchRanker.Load(model, wrong));
        Assert.Contains("features", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelGarbageWithMatchingHash_IsRejectedByMlNetOrCanary()
    {
        var garbage = "this is not a model"u8.ToArray();
        var manifest = LearnedMatchRanker.Default.Manifest with { ModelSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(garbage)) };
        Assert.Throws<InvalidModelException>(() => LearnedMatchRanker.Load(garbage, manifest));
    }

    [Fact]
    public void ModelMissingFiles_AreATypedError()
    {
        var dir = TestFixtures.NewTempDirectory();
        Assert.Throws<InvalidModelException>(() => LearnedMatchRanker.Load(Path.Combine(dir, "model.zip"), Path.Combine(dir, "manifest.json")));
    }

    [Fact]
    public void ModelShipped_UsesVerifiedDirectTreeEvaluation() =>
        Assert.True(LearnedMatchRanker.Default.UsesDirectTreeEvaluation);

    [Fact]
    public async Task ModelHotSwapUnderLoad_EveryQueryUsesExactlyOneModel()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        IMatchRanker learned = LearnedMatchRanker.Default, bm25 = Bm25MatchRanker.Instance;
        string[] queries = ["防水透气膜", "钠离子电池储能", "印染废水回用", "鞋底发泡"];
        var expected = new Dictionary<(string Ranker, string Query), double[]>();
        foreach (var ranker in new[] { learned, bm25 })
        {
            foreach (var q in queries)
            {
                expected[(ranker.Name, q)] = (await new MatchEngine(index, ranker).MatchAsync(MatchRequest.ForText(q, "quanzhou"))).Items.Select(i => i.Score).ToArray();
            }
        }

        var swappable = new SwappableMatchRanker(learned);
        var engine = new MatchEngine(index, swappable);
        var seen = new ConcurrentDictionary<string, int>();
        await Parallel.ForAsync(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            if (i % 7 == 0)
            {
                swappable.Swap(i % 2 == 0 ? bm25 : learned); // swaps race with the other workers' queries
            }

            var q = queries[i % queries.Length];
            var results = await engine.MatchAsync(MatchRequest.ForText(q, "quanzhou"), null, ct);
            seen.AddOrUpdate(results.Ranker, 1, (_, n) => n + 1);
            var scores = results.Items.Select(x => x.Score).ToArray();
            Assert.True(expected[(results.Ranker, q)].SequenceEqual(scores), $"{results.Ranker} '{q}': [{string.Join(", ", scores)}] vs [{string.Join(", ", expected[(results.Ranker, q)])}]");
        });
        Assert.Equal(2, seen.Count);
    }
}
