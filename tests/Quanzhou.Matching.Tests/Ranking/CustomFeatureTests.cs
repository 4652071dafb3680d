using Microsoft.Extensions.Options;
using Quanzhou.Matching.DependencyInjection;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Ranking;

public class CustomFeatureTests
{
    private static readonly string[] QueryTexts = ["跑鞋防水透气膜", "储能钠离子电池", "印染废水回用", "鞋底超临界发泡", "机床热误差补偿", "石墨烯散热膜"];

    [Fact]
    public async Task Trainer_LearnsCustomFeature_AndServingNeedsIt()
    {
        using var index = await TestFixtures.CreateIndexAsync();

        // Targets the BM25 order puts second, so only the custom feature can lift them to the top.
        var bm25 = new MatchEngine(index, Bm25MatchRanker.Instance);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in QueryTexts)
        {
            var results = await bm25.MatchAsync(MatchRequest.ForText(text), new MatchOptions { Top = 2, IncludeExplanations = false });
            if (results.Items.Count == 2)
            {
                targets[text] = results.Items[1].Id;
            }
        }

        Assert.True(targets.Count >= 4, "the fixture corpus gives most queries at least two candidates");
        var oracle = new TargetFeature(targets);
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance) { CustomFeatures = [oracle] };
        Assert.Equal([.. RankingFeatures.Names, "is_target"], engine.FeatureNames);
        var queries = targets.Keys.Select((t, i) => new TrainingQuery("q" + i, t)).ToArray();
        var judgments = queries.Select(q => new Judgment(q.Id, targets[q.Text], 3)).ToArray();
        var model = await new LambdaRankTrainer(new LambdaRankTrainerOptions { NumberOfTrees = 5, MinimumExampleCountPerLeaf = 1, NumberOfLeaves = 2 }).TrainAsync(engine, queries, judgments);
        Assert.Equal("is_target", model.Manifest.FeatureNames[^1]);
        Assert.True(model.Manifest.FeatureImportance["is_target"] > 0.5, "the only separating feature carries the model");

        var dir = TestFixtures.NewTempDirectory();
        model.Save(dir);
        var ranker = LearnedMatchRanker.Load(Path.Combine(dir, TrainedRankingModel.ModelFileName), Path.Combine(dir, TrainedRankingModel.ManifestFileName));
        Assert.Equal(["is_target"], ranker.CustomFeatureNames);

        var serving = new MatchEngine(index, ranker) { CustomFeatures = [oracle] };
        foreach (var (text, target) in targets)
        {
            var results = await serving.MatchAsync(MatchRequest.ForText(text), new MatchOptions { Top = 3 });
            Assert.Equal(target, results.Items[0].Id);
            Assert.Contains(results.Items[0].Explanation!.Contributions, c => c.Name == "is_target" && c.Description == oracle.Description);
        }

        // Without the feature registered: a clear, typed error naming it.
        var missing = await Assert.ThrowsAsync<InvalidModelException>(() => new MatchEngine(index, ranker).MatchAsync(MatchRequest.ForText(QueryTexts[0])));
        Assert.Contains("is_target", missing.Message, StringComparison.Ordinal);

        // The hosting registry picks registered features by the model's names, and refuses a model whose feature is missing.
        var options = new QuanzhouMatchingOptions();
        options.Indexes["m"] = new MatchIndexSettings { ModelDirectory = dir };
        using (var hosted = new MatchingIndexes(Options.Create(options), customFeatures: [new ConstantFeature("unused", 1), oracle]))
        {
            Assert.Equal(["is_target"], hosted.GetMatcher("m").CustomFeatures.Select(f => f.Name));
        }

        using (var hosted = new MatchingIndexes(Options.Create(options)))
        {
            Assert.Contains("is_target", Assert.Throws<InvalidModelException>(() => hosted.GetMatcher("m")).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Has Space")]
    [InlineData("")]
    [InlineData("bm25_words")]
    public void InvalidOrBuiltInName_Throws(string name)
    {
        using var index = Quanzhou.Matching.Indexing.LuceneMatchIndex.CreateInMemory();
        Assert.Throws<ArgumentException>(() => new MatchEngine(index, Bm25MatchRanker.Instance) { CustomFeatures = [new ConstantFeature(name, 1)] });
    }

    [Fact]
    public void DuplicateOrNullFeature_Throws()
    {
        using var index = Quanzhou.Matching.Indexing.LuceneMatchIndex.CreateInMemory();
        Assert.Throws<ArgumentException>(() => new MatchEngine(index, Bm25MatchRanker.Instance) { CustomFeatures = [new ConstantFeature("x", 1), new ConstantFeature("x", 2)] });
        Assert.Throws<ArgumentException>(() => new MatchEngine(index, Bm25MatchRanker.Instance) { CustomFeatures = [null!] });
    }

    [Fact]
    public async Task NonFiniteValue_IsStoredAsZero_AndFailingFeature_IsNamed()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance) { CustomFeatures = [new ConstantFeature("nan", float.NaN), new ConstantFeature("two", 2)] };
        var prepared = engine.Prepare(MatchRequest.ForText(QueryTexts[0]), new MatchOptions(), withFeatures: true);
        Assert.NotEmpty(prepared.RankingCandidates);
        Assert.All(prepared.RankingCandidates, c =>
        {
            Assert.Equal(RankingFeatures.Names.Count + 2, c.Features.Count);
            Assert.Equal(0f, c.Features[^2]);
            Assert.Equal(2f, c.Features[^1]);
        });

        var failing = new MatchEngine(index, Bm25MatchRanker.Instance) { CustomFeatures = [new ThrowingFeature()] };
        var ex = Assert.Throws<MatchingException>(() => failing.Prepare(MatchRequest.ForText(QueryTexts[0]), new MatchOptions(), withFeatures: true));
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void Manifest_WithTamperedCustomNames_IsRefused()
    {
        var (bytes, manifest) = LearnedMatchRankerTests.ShippedModel();
        string[] renamed = [.. manifest.FeatureNames, "Bad Name"];
        Assert.Throws<InvalidModelException>(() => LearnedMatchRanker.Load(bytes, manifest with { FeatureNames = renamed, FeatureSchemaHash = RankingFeatures.SchemaHashOf(renamed) }));
        string[] extra = [.. manifest.FeatureNames, "extra"];
        Assert.Throws<InvalidModelException>(() => LearnedMatchRanker.Load(bytes, manifest with { FeatureNames = extra }));
        Assert.Empty(LearnedMatchRanker.Default.CustomFeatureNames);
    }

    private sealed class TargetFeature(Dictionary<string, string> targets) : IRankingFeature
    {
        public string Name => "is_target";

        public string Description => "目标成果 (the judged achievement)";

        public float Compute(RankingFeatureInput input) => targets.TryGetValue(input.QueryText, out var id) && id == input.Candidate.Id ? 1 : 0;
    }

    private sealed class ConstantFeature(string name, float value) : IRankingFeature
    {
        public string Name => name;

        public string Description => name;

        public float Compute(RankingFeatureInput input) => value;
    }

    private sealed class ThrowingFeature : IRankingFeature
    {
        public string Name => "boom";

        public string Description => "boom";

        public float Compute(RankingFeatureInput input) => throw new InvalidOperationException("broken");
    }
}
