using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Quanzhou.Matching.DependencyInjection;
using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Embeddings;

/// <summary>Hybrid matching from the host's side: a model of its own, documents and needs, and what it may rely on.</summary>
public sealed class HybridMatchingTests
{
    /// <summary>A need about saving water by sectioned control; the irrigation achievement shares its meaning but no term.</summary>
    private const string WaterNeed = "农业分段控制节约水资源";

    private static readonly MatchOptions Options = new() { Top = 10 };

    internal static List<MatchDocument> Catalogue() =>
    [
        new TechAchievement("a-drip", "滴灌水肥一体化智能设备") { Keywords = ["滴灌", "水肥一体化"], Description = "适用于果园大棚的精准施肥" },
        new TechAchievement("a-valve", "工业管道分段控制阀") { Keywords = ["分段控制", "阀门"], Description = "管道压力分段控制" },
        new TechAchievement("a-film", "石墨烯导热膜制备技术") { Keywords = ["石墨烯", "导热膜"], Description = "高导热柔性薄膜" },
        new TechAchievement("a-foam", "超临界发泡鞋中底材料") { Keywords = ["超临界发泡", "中底"], Description = "轻量高回弹" },
        new TechAchievement("a-enzyme", "蛋白酶发酵工艺优化") { Keywords = ["蛋白酶", "发酵"], Description = "提高酶活与产率" },
        new TechAchievement("a-tag", "电子标签天线印刷制造") { Keywords = ["电子标签", "天线"], Description = "卷对卷印刷" },
    ];

    internal static LuceneMatchIndex Hybrid(FakeEmbeddingGenerator generator, int batchSize = 32) =>
        LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = 1, Embeddings = new EmbeddingOptions(generator) { BatchSize = batchSize } });

    [Fact]
    public async Task DenseSource_FindsAnAchievementThatSharesMeaningButNoTerm_AndSaysSo()
    {
        using var lexical = LuceneMatchIndex.CreateInMemory();
        await lexical.UpsertManyAsync(Catalogue());
        var lexicalIds = (await new MatchEngine(lexical, Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForText(WaterNeed), Options)).Items.Select(i => i.Id).ToArray();
        Assert.Contains("a-valve", lexicalIds);
        Assert.DoesNotContain("a-drip", lexicalIds); // the precondition: BM25 cannot see it

        using var hybrid = Hybrid(new FakeEmbeddingGenerator());
        await hybrid.UpsertManyAsync(Catalogue());
        var bm25Order = await new MatchEngine(hybrid, Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForText(WaterNeed), Options);
        var drip = Assert.Single(bm25Order.Items, i => i.Id == "a-drip");
        Assert.Equal(0, drip.Score); // found by meaning alone: no BM25 score

        var fused = await new MatchEngine(hybrid, new HybridMatchRanker { DenseWeight = 0.7 }).MatchAsync(MatchRequest.ForText(WaterNeed), Options);
        Assert.Equal("hybrid", fused.Ranker);
        Assert.Equal("a-drip", fused.Items[0].Id);
        var explanation = fused.Items[0].Explanation!;
        Assert.Contains(explanation.Reasons, r => r.StartsWith("语义相近", StringComparison.Ordinal));
        Assert.True(explanation.SemanticSimilarity > 0.5f, $"similarity {explanation.SemanticSimilarity}");
        Assert.All(fused.Items, i => Assert.NotNull(i.Explanation!.SemanticSimilarity));

        // The shipped learned ranker serves hybrid candidates too.
        var learned = await new MatchEngine(hybrid).MatchAsync(MatchRequest.ForText(WaterNeed), Options);
        Assert.Contains(learned.Items, i => i.Id == "a-drip");
    }

    [Fact]
    public async Task WithTheDenseSourceOff_BM25IsExactlyAsWithoutVectors()
    {
        // One indexing thread each: both indexes get the same document order, so equal scores keep the same order too.
        using var lexical = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = 1 });
        using var hybrid = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = 1, Embeddings = new EmbeddingOptions(new FakeEmbeddingGenerator()) });
        await lexical.UpsertManyAsync(TestFixtures.Documents);
        await hybrid.UpsertManyAsync(TestFixtures.Documents);
        foreach (var need in TestFixtures.Documents.OfType<TechNeed>())
        {
            var options = new MatchOptions { DenseCandidatePoolSize = 0 };
            var a = await new MatchEngine(lexical, Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForDocument(need), options);
            var b = await new MatchEngine(hybrid, Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForDocument(need), options);
            Assert.Equal(a.Items.Select(i => (i.Id, i.Score)), b.Items.Select(i => (i.Id, i.Score)));
            Assert.All(a.Items, i => Assert.Null(i.Explanation!.SemanticSimilarity));
        }
    }

    [Fact]
    public async Task ModelFingerprint_IsRecorded_AndAnotherModelIsRefusedUntilReEmbedded()
    {
        var folder = TestFixtures.NewTempDirectory();
        LuceneMatchIndex Open(FakeEmbeddingGenerator? g) =>
            LuceneMatchIndex.Open(folder, new LuceneMatchIndexOptions { Embeddings = g is null ? null : new EmbeddingOptions(g) });

        using (var first = Open(new FakeEmbeddingGenerator("model-a")))
        {
            await first.UpsertManyAsync(Catalogue());
        }

        using (var other = Open(new FakeEmbeddingGenerator("model-b")))
        {
            var engine = new MatchEngine(other, Bm25MatchRanker.Instance);
            var refused = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => engine.MatchAsync(MatchRequest.ForText(WaterNeed)));
            Assert.StartsWith("model-a|64", refused.IndexModel, StringComparison.Ordinal);
            Assert.StartsWith("model-b|64", refused.ConfiguredModel, StringComparison.Ordinal);
            await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => other.UpsertManyAsync([new TechAchievement("a-new", "新成果")]));
            Assert.NotNull(await other.GetAsync("a-drip", MatchDocument.DefaultTenant)); // lookups need no model
            Assert.Null(await other.GetAsync("a-new", MatchDocument.DefaultTenant));

            var progress = new List<IndexingProgress>();
            var rebuilt = await other.RebuildEmbeddingsAsync(new SyncProgress<IndexingProgress>(progress.Add));
            Assert.Equal(Catalogue().Count, rebuilt.Accepted);
            Assert.Contains(progress, p => p.Embedded == Catalogue().Count);
            Assert.Contains((await engine.MatchAsync(MatchRequest.ForText(WaterNeed))).Items, i => i.Id == "a-drip");
        }

        using (var again = Open(new FakeEmbeddingGenerator("model-a")))
        {
            await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => new MatchEngine(again).MatchAsync(MatchRequest.ForText(WaterNeed)));
        }

        using (var otherDimensions = Open(new FakeEmbeddingGenerator("model-b", dimensions: 56)))
        {
            await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => new MatchEngine(otherDimensions).MatchAsync(MatchRequest.ForText(WaterNeed)));
        }

        using (var withoutModel = Open(null))
        {
            // Vectors are ignored: lexical matching works; a write without vectors would mix, a rebuild re-records.
            var items = (await new MatchEngine(withoutModel, Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForText(WaterNeed))).Items;
            Assert.DoesNotContain(items, i => i.Id == "a-drip");
            var refused = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => withoutModel.UpsertManyAsync([new TechAchievement("a-new", "新成果")]));
            Assert.Null(refused.ConfiguredModel);
            await Assert.ThrowsAsync<InvalidOperationException>(() => withoutModel.RebuildEmbeddingsAsync());
            await withoutModel.RebuildAsync(Catalogue());
        }

        using (var lexicalNow = Open(new FakeEmbeddingGenerator("model-b")))
        {
            var refused = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => new MatchEngine(lexicalNow).MatchAsync(MatchRequest.ForText(WaterNeed)));
            Assert.Null(refused.IndexModel); // documents without vectors
            await lexicalNow.RebuildEmbeddingsAsync();
            Assert.Contains((await new MatchEngine(lexicalNow, Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForText(WaterNeed))).Items, i => i.Id == "a-drip");
        }
    }

    [Fact]
    public async Task EmptyIndex_AdoptsTheConfiguredModel_AndAnEmptiedOneAnother()
    {
        var folder = TestFixtures.NewTempDirectory();
        using (var index = LuceneMatchIndex.Open(folder, new LuceneMatchIndexOptions { Embeddings = new EmbeddingOptions(new FakeEmbeddingGenerator("model-a")) }))
        {
            Assert.Empty((await new MatchEngine(index).MatchAsync(MatchRequest.ForText(WaterNeed))).Items);
            await index.UpsertManyAsync([new TechAchievement("only", "滴灌设备")]);
            Assert.True(await index.DeleteAsync("only", MatchDocument.DefaultTenant));
        }

        using (var index = LuceneMatchIndex.Open(folder, new LuceneMatchIndexOptions { Embeddings = new EmbeddingOptions(new FakeEmbeddingGenerator("model-b")) }))
        {
            await index.UpsertManyAsync(Catalogue()); // nothing of model-a is left to mix with
            Assert.Equal("a-drip", (await new MatchEngine(index, new HybridMatchRanker { DenseWeight = 0.7 }).MatchAsync(MatchRequest.ForText(WaterNeed))).Items[0].Id);
        }
    }

    [Fact]
    public async Task FailingOrMisbehavingModel_IsATypedError_AndWritesNothing()
    {
        var generator = new FakeEmbeddingGenerator();
        using var index = Hybrid(generator, batchSize: 2);
        await index.UpsertManyAsync(Catalogue().Take(3));
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance);
        var before = (await engine.MatchAsync(MatchRequest.ForText(WaterNeed))).Items.Select(i => (i.Id, i.Score)).ToArray();
        var batch = Catalogue().Skip(3).Append(new TechAchievement("a-extra", "滴灌节水控制器")).ToArray();

        async Task AssertRefused(Action fault)
        {
            fault();
            var ex = await Assert.ThrowsAsync<MatchingException>(() => index.UpsertManyAsync(batch));
            Assert.Equal("embed", ex.Operation);
            generator.FailOnCall = null;
            generator.WrongLength = null;
            generator.ReturnNaN = generator.ReturnOneTooFew = false;
            foreach (var d in batch)
            {
                Assert.Null(await index.GetAsync(d.Id, MatchDocument.DefaultTenant));
            }
        }

        await AssertRefused(() => generator.FailOnCall = generator.Calls + 2); // the second of two batches fails
        await AssertRefused(() => generator.WrongLength = 63);
        await AssertRefused(() => generator.ReturnNaN = true);
        await AssertRefused(() => generator.ReturnOneTooFew = true);

        generator.FailOnCall = generator.Calls + 1;
        var queryFailure = await Assert.ThrowsAsync<MatchingException>(() => engine.MatchAsync(MatchRequest.ForText(WaterNeed)));
        Assert.IsType<HttpRequestException>(queryFailure.InnerException);

        generator.FailOnCall = generator.Calls + 1;
        await Assert.ThrowsAsync<MatchingException>(() => index.RebuildEmbeddingsAsync());
        generator.FailOnCall = null;
        Assert.Equal(before, (await engine.MatchAsync(MatchRequest.ForText(WaterNeed))).Items.Select(i => (i.Id, i.Score)).ToArray());

        generator.Delay = TimeSpan.FromMilliseconds(300);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.UpsertManyAsync(batch, cancellationToken: cancel.Token));
        Assert.Null(await index.GetAsync(batch[0].Id, MatchDocument.DefaultTenant));
    }

    [Fact]
    public async Task Upsert_EmbedsInBatches_WithProgress_AndTheConfiguredInstructions()
    {
        var generator = new FakeEmbeddingGenerator();
        using var index = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions
        {
            Embeddings = new EmbeddingOptions(generator) { BatchSize = 4, QueryInstruction = "查询：", DocumentInstruction = "文档：" },
        });
        var documents = Enumerable.Range(0, 10).Select(i => (MatchDocument)new TechAchievement($"d{i}", $"滴灌设备第{i}代")).ToArray();
        var progress = new List<IndexingProgress>();
        await index.UpsertManyAsync(documents, new SyncProgress<IndexingProgress>(progress.Add));
        Assert.Equal([4, 4, 2], generator.BatchSizes.ToArray());
        Assert.Equal([4, 8, 10], progress.Where(p => p.Embedded > 0).Select(p => p.Embedded).ToArray());
        Assert.All(generator.Seen, t => Assert.StartsWith("文档：", t, StringComparison.Ordinal));
        await new MatchEngine(index).MatchAsync(MatchRequest.ForText("节水"));
        Assert.Equal("查询：节水", generator.Seen.Last());
    }

    [Fact]
    public void Options_WithoutModelIdOrDimensions_AreRefusedWhenTheIndexOpens()
    {
        var anonymous = new FakeEmbeddingGenerator();
        Assert.Throws<ArgumentException>(() => LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { Embeddings = new EmbeddingOptions(anonymous) { ModelId = " " } }));
        Assert.Throws<ArgumentException>(() => LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { Embeddings = new EmbeddingOptions(anonymous) { Dimensions = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingOptions(anonymous) { BatchSize = 0 });
        Assert.NotEqual(new EmbeddingOptions(anonymous).Fingerprint, new EmbeddingOptions(anonymous) { DocumentInstruction = "文档：" }.Fingerprint);
    }

    [Fact]
    public async Task DenseCandidates_ObeyKindsAndFilters()
    {
        using var index = Hybrid(new FakeEmbeddingGenerator());
        var documents = Catalogue();
        documents.Add(new TechNeed("n-water", "果园节水灌溉改造需求"));
        documents.Add(new TechAchievement("a-drip-tagged", "滴灌带生产线") { IndustryTags = ["machinery"], Maturity = Maturity.FromTrl(7) });
        await index.UpsertManyAsync(documents);
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance);
        var all = await engine.MatchAsync(MatchRequest.ForText(WaterNeed), new MatchOptions { Kinds = [DocumentKind.Achievement] });
        Assert.DoesNotContain(all.Items, i => i.Id == "n-water");
        Assert.Contains(all.Items, i => i.Id == "a-drip");
        var tagged = await engine.MatchAsync(MatchRequest.ForText(WaterNeed), new MatchOptions { IndustryTags = ["machinery"] });
        Assert.Equal(["a-drip-tagged"], tagged.Items.Select(i => i.Id));
        var mature = await engine.MatchAsync(MatchRequest.ForText(WaterNeed), new MatchOptions { MinMaturity = Maturity.FromTrl(8) });
        Assert.Empty(mature.Items);
    }

    [Fact]
    public async Task ForDocument_TheQueryDocumentIsNeverItsOwnCandidate()
    {
        using var index = Hybrid(new FakeEmbeddingGenerator());
        var documents = Catalogue();
        documents.Add(new TechNeed("n-water", "果园节水灌溉改造需求"));
        await index.UpsertManyAsync(documents);
        var results = await new MatchEngine(index, Bm25MatchRanker.Instance).MatchAsync(MatchRequest.ForId("n-water"), new MatchOptions { Kinds = [DocumentKind.Achievement, DocumentKind.Need] });
        Assert.DoesNotContain(results.Items, i => i.Id == "n-water");
        Assert.Equal("a-drip", results.Items.OrderByDescending(i => i.Explanation!.SemanticSimilarity).First().Id);
    }

    [Fact]
    public async Task RegisteredGenerator_IsUsedByTheConfiguredIndexes()
    {
        var generator = new FakeEmbeddingGenerator();
        await using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator)
            .AddQuanzhouMatching()
            .BuildServiceProvider();
        var index = provider.GetRequiredService<LuceneMatchIndex>();
        await index.UpsertManyAsync(Catalogue());
        Assert.Equal(Catalogue().Count, generator.Seen.Count);
        var results = await provider.GetRequiredService<IMatcher>().MatchAsync(MatchRequest.ForText(WaterNeed));
        Assert.Contains(results.Items, i => i.Id == "a-drip");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the pool, which would race the asserts).</summary>
    internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>Reasons are for the technology manager: domain words, at most five, what is missing, no model internals.</summary>
public sealed class DomainReasonsTests
{
    [Fact]
    public async Task Reasons_AreAtMostFive_NameWhatIsNotCovered_AndLeaveModelInternalsToContributions()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index);
        var checkedAny = false;
        foreach (var need in TestFixtures.Documents.OfType<TechNeed>())
        {
            var results = await engine.MatchAsync(MatchRequest.ForDocument(need), new MatchOptions { Top = 10, Kinds = [DocumentKind.Achievement] });
            foreach (var r in results.Items)
            {
                var e = r.Explanation!;
                Assert.InRange(e.Reasons.Count, 1, MatchExplainerLimits.Max);
                Assert.DoesNotContain(e.Reasons, x => x.Contains("排序模型", StringComparison.Ordinal) || x.Contains("BM25", StringComparison.Ordinal) || x.Contains("RM3", StringComparison.Ordinal));
                Assert.NotEmpty(e.Contributions); // the researcher's part stays available
                const string NotCovered = "未覆盖 (not covered): ";
                var coverage = e.Reasons[0];
                if (coverage.Contains(NotCovered, StringComparison.Ordinal))
                {
                    checkedAny = true;
                    foreach (var term in coverage[(coverage.IndexOf(NotCovered, StringComparison.Ordinal) + NotCovered.Length)..].Split('、'))
                    {
                        Assert.DoesNotContain(term, e.MatchedTerms);
                    }
                }
            }
        }

        Assert.True(checkedAny, "no result named an uncovered term: the fixtures should have some");
    }

    [Fact]
    public async Task CooperationModes_AgreeOrDiffer_AreSaid()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync([
            new TechAchievement("a-transfer", "TPU防水透气膜连续化制备技术") { CooperationModes = CooperationModes.Transfer | CooperationModes.License },
            new TechAchievement("a-service", "TPU防水透气膜检测技术服务") { CooperationModes = CooperationModes.TechnicalService },
        ]);
        var need = new TechNeed("n", "寻求TPU防水透气膜技术") { CooperationModes = CooperationModes.Transfer };
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForDocument(need));
        Assert.Contains(results.Items.Single(i => i.Id == "a-transfer").Explanation!.Reasons, x => x.StartsWith("合作方式一致", StringComparison.Ordinal) && x.Contains("转让", StringComparison.Ordinal));
        Assert.Contains(results.Items.Single(i => i.Id == "a-service").Explanation!.Reasons, x => x.StartsWith("合作方式不同", StringComparison.Ordinal));
    }
}

internal static class MatchExplainerLimits
{
    public const int Max = Quanzhou.Matching.Explanations.MatchExplainer.MaxReasons;
}
