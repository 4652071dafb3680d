using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Tests.Embeddings;

/// <summary>The dense path under the tenant contract, and its scan checked against brute force.</summary>
public sealed class DenseIsolationAndExactnessTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AnotherTenantsPrivateDocuments_NeverAppear_AndNeverChangeAScore(int seed)
    {
        var random = new Random(seed);
        var words = FakeEmbeddingGenerator.Concepts.SelectMany(c => c).Concat(["控制", "系统", "材料", "工艺", "设备", "检测"]).ToArray();
        string Text(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
        var shared = HybridMatchingTests.Catalogue();
        shared.Add(new TechAchievement("a-mine", Text(3)) { Tenant = "a", Visibility = Visibility.Tenant });
        var secrets = Enumerable.Range(0, 40).Select(i => (MatchDocument)new TechAchievement($"b-secret-{i}", Text(1 + random.Next(4)))
        {
            Tenant = "b",
            Visibility = i % 2 == 0 ? Visibility.Tenant : Visibility.Confidential,
            Keywords = [Text(1)],
        }).ToArray();

        using var without = HybridMatchingTests.Hybrid(new FakeEmbeddingGenerator());
        using var with = HybridMatchingTests.Hybrid(new FakeEmbeddingGenerator());
        await without.UpsertManyAsync(shared);
        await with.UpsertManyAsync(shared.Concat(secrets));
        foreach (var ranker in new IMatchRanker[] { Bm25MatchRanker.Instance, new HybridMatchRanker(), new HybridMatchRanker { Fusion = HybridFusion.ReciprocalRank }, LearnedMatchRanker.Default })
        {
            for (var q = 0; q < 15; q++)
            {
                var text = Text(1 + random.Next(3));
                var options = new MatchOptions { Top = 50, DenseCandidatePoolSize = 50 };
                var expected = await new MatchEngine(without, ranker).MatchAsync(MatchRequest.ForText(text, "a"), options);
                var actual = await new MatchEngine(with, ranker).MatchAsync(MatchRequest.ForText(text, "a"), options);
                Assert.DoesNotContain(actual.Items, i => i.Id.StartsWith("b-", StringComparison.Ordinal));
                Assert.Equal(
                    expected.Items.Select(i => (i.Id, i.Score, i.Explanation!.SemanticSimilarity)),
                    actual.Items.Select(i => (i.Id, i.Score, i.Explanation!.SemanticSimilarity)));
            }
        }

        // The check can fail: tenant b does see its own secrets through the dense path.
        var own = await new MatchEngine(with, Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForText(secrets[0].Title, "b"), new MatchOptions { Top = 50 });
        Assert.Contains(own.Items, i => i.Id.StartsWith("b-secret-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DenseScan_EqualsBruteForceOverTheStoredVectors_AcrossSegmentsAndDeletes()
    {
        const int dimensions = 48;
        var random = new Random(7);
        float[] RandomVector() => [.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        var generator = new FakeEmbeddingGenerator("random", dimensions);
        using var index = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions
        {
            Embeddings = new EmbeddingOptions(generator) { DocumentText = d => d.Id },
        });
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var batch = 0; batch < 4; batch++) // one segment per batch
        {
            var documents = Enumerable.Range(0, 150).Select(i => (MatchDocument)new TechAchievement($"d{batch}-{i}", "文档")).ToArray();
            foreach (var d in documents)
            {
                generator.Fixed[d.Id] = vectors[d.Id] = RandomVector();
            }

            await index.UpsertManyAsync(documents);
        }

        foreach (var id in vectors.Keys.Where((_, i) => i % 7 == 0).ToArray())
        {
            await index.DeleteAsync(id, MatchDocument.DefaultTenant);
            vectors.Remove(id);
        }

        for (var q = 0; q < 20; q++)
        {
            var query = Normalized(RandomVector());
            var quantized = new QueryVector(query);
            foreach (var k in new[] { 1, 10, 100 })
            {
                var hits = index.Read(MatchDocument.DefaultTenant, "test", scope =>
                    DenseRetriever.Search(scope, quantized, KindFilter.For([DocumentKind.Achievement]), null, k, dimensions)
                        .Select(h => (Id: scope.Searcher.Doc(h.Doc).Get(IndexFields.Id), h.Score)).ToArray());

                // Brute force over the same int8 representation: the scan is exact, not approximate.
                var expected = vectors
                    .Select(kv => (Id: kv.Key, Score: StoredScore(Normalized(kv.Value), quantized)))
                    .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal).Take(k).ToArray();
                Assert.Equal(expected.Select(e => e.Score), hits.Select(h => h.Score));
                var cut = expected[^1].Score;
                Assert.Subset(hits.Select(h => h.Id).ToHashSet(), expected.Where(e => e.Score > cut).Select(e => e.Id).ToHashSet());
                Assert.All(hits, h => Assert.Equal(StoredScore(Normalized(vectors[h.Id]), quantized), h.Score));

                // And close to float cosine: int8 quantisation keeps the float top 10 within the top 10 mostly.
                if (k == 10)
                {
                    var exactFloat = vectors.OrderByDescending(kv => Dot(Normalized(kv.Value), query)).Take(10).Select(kv => kv.Key).ToHashSet();
                    Assert.True(hits.Count(h => exactFloat.Contains(h.Id)) >= 8, "int8 recall@10 against float below 0.8");
                }
            }
        }
    }

    [Fact]
    public async Task HybridRanker_KeepsTheLexicalOrderWithoutVectorsOrWeight_AndFusesAsDocumented()
    {
        RankingCandidate C(string id, float bm25, float? dense) => new(id, bm25, []) { DenseScore = dense };
        var withVectors = new RankingInput([], [C("a", 10, 0.1f), C("b", 6, 0.9f), C("c", 2, 0.5f), C("d", 0, null)], 0);
        var noVectors = new RankingInput([], [C("a", 10, null), C("b", 6, null), C("c", 2, null)], 0);

        static async Task<double[]> Scores(IMatchRanker r, RankingInput input) => [.. (await r.ScoreAsync(input)).Select(s => s.Score)];
        static int[] Order(double[] s) => [.. Enumerable.Range(0, s.Length).OrderByDescending(i => s[i]).ThenBy(i => i)];

        Assert.Equal(new[] { 0, 1, 2 }, Order(await Scores(new HybridMatchRanker(), noVectors)));
        Assert.Equal(new[] { 0, 1, 2 }, Order(await Scores(new HybridMatchRanker { Fusion = HybridFusion.ReciprocalRank }, noVectors)));
        Assert.Equal(new[] { 0, 1, 2, 3 }, Order(await Scores(new HybridMatchRanker { DenseWeight = 0 }, withVectors)));
        Assert.Equal(new[] { 1, 2, 0, 3 }, Order(await Scores(new HybridMatchRanker { DenseWeight = 1 }, withVectors)));

        // Interpolation, w = 0.5: b = 0.5·(6/10) + 0.5·1 = 0.8; a = 0.5·1 + 0 = 0.5.
        var interpolated = await Scores(new HybridMatchRanker(), withVectors);
        Assert.Equal(0.8, interpolated[1], 1e-6);
        Assert.Equal(0.5, interpolated[0], 1e-6);

        // RRF, w = 0.5, k = 60: a is lexical 1st and dense 3rd.
        var rrf = await Scores(new HybridMatchRanker { Fusion = HybridFusion.ReciprocalRank }, withVectors);
        Assert.Equal((0.5 / 61) + (0.5 / 63), rrf[0], 1e-12);
        Assert.Equal(0.5 / 64, rrf[3], 1e-12);

        Assert.Throws<ArgumentOutOfRangeException>(() => new HybridMatchRanker { DenseWeight = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HybridMatchRanker { DenseWeight = double.NaN });
        Assert.Equal("hybrid-learned", new HybridMatchRanker { Lexical = LearnedMatchRanker.Default }.Name);
        Assert.Same(LearnedMatchRanker.Default, new HybridMatchRanker { Lexical = LearnedMatchRanker.Default }.GetService(typeof(LearnedMatchRanker)));
    }

    [Fact]
    public void DenseSimilarityFeature_IsTheSimilarity_OrMinusOneWithoutIt()
    {
        var candidate = new TechAchievement("a", "标题");
        Assert.Equal(0.42f, DenseSimilarityFeature.Instance.Compute(new RankingFeatureInput("q", null, candidate, 1, 1) { DenseSimilarity = 0.42f }));
        Assert.Equal(-1f, DenseSimilarityFeature.Instance.Compute(new RankingFeatureInput("q", null, candidate, 1, 1)));
    }

    private static float StoredScore(float[] normalized, QueryVector query)
    {
        var bytes = VectorCodec.Encode(normalized);
        return VectorCodec.ScaleOf(bytes) * query.Scale * VectorCodec.Dot(VectorCodec.ValuesOf(bytes), query.Values);
    }

    /// <summary>Normalised exactly as the index normalises a model's output.</summary>
    private static float[] Normalized(float[] v)
    {
        var copy = v.ToArray();
        System.Numerics.Tensors.TensorPrimitives.Divide(copy, System.Numerics.Tensors.TensorPrimitives.Norm(copy), copy);
        return copy;
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}

/// <summary>The SIMD int8 kernel against the plain loop, at every length around the vector widths.</summary>
public sealed class VectorCodecTests
{
    [Fact]
    public void Dot_EqualsTheScalarLoop_ForEveryLengthAndExtremeValues()
    {
        var random = new Random(3);
        for (var length = 0; length <= 200; length++)
        {
            for (var trial = 0; trial < 3; trial++)
            {
                var a = new sbyte[length];
                var b = new sbyte[length];
                for (var i = 0; i < length; i++)
                {
                    (a[i], b[i]) = trial == 0 ? ((sbyte)-127, (sbyte)-127) : ((sbyte)random.Next(-127, 128), (sbyte)random.Next(-127, 128));
                }

                var expected = 0;
                for (var i = 0; i < length; i++)
                {
                    expected += a[i] * b[i];
                }

                Assert.Equal(expected, Quanzhou.Matching.Embeddings.VectorCodec.Dot(a, b));
            }
        }
    }

    [Fact]
    public void Encode_RoundTripsWithinHalfAStep()
    {
        var v = new[] { 0.5f, -0.25f, 0.125f, 0f, -0.5f };
        var bytes = Quanzhou.Matching.Embeddings.VectorCodec.Encode(v);
        var scale = Quanzhou.Matching.Embeddings.VectorCodec.ScaleOf(bytes);
        var values = Quanzhou.Matching.Embeddings.VectorCodec.ValuesOf(bytes).ToArray();
        Assert.Equal(4 + v.Length, bytes.Length);
        for (var i = 0; i < v.Length; i++)
        {
            Assert.InRange(values[i] * scale, v[i] - (scale / 2), v[i] + (scale / 2));
        }
    }
}
