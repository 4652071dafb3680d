using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Ranking;

public class LearnedMatchRankerTests
{
    internal static (byte[] Model, ModelManifest Manifest) ShippedModel()
    {
        var ranker = LearnedMatchRanker.Default;
        var assembly = typeof(LearnedMatchRanker).Assembly;
        using var stream = assembly.GetManifestResourceStream("Quanzhou.Matching.Ranking.model.zip")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return (buffer.ToArray(), ranker.Manifest);
    }

    [Fact]
    public void Default_LoadsWithVerifiedManifest()
    {
        var ranker = LearnedMatchRanker.Default;
        Assert.Equal("learned", ranker.Name);
        Assert.True(ranker.UsesFeatures);
        Assert.Equal(64, ranker.Manifest.ModelSha256.Length);
        Assert.NotEmpty(ranker.Manifest.FeatureNames);
        Assert.Contains(ranker.Manifest.Metrics.Keys, k => k.StartsWith("dev.problem.ndcg@10", StringComparison.Ordinal));
    }





    [Fact]
    public void ManifestJson_RoundTrips()
    {
        var manifest = LearnedMatchRanker.Default.Manifest;
        var copy = ModelManifest.FromJson(manifest.ToJson());
        Assert.Equal(manifest.ModelSha256, copy.ModelSha256);
        Assert.Equal(manifest.FeatureNames, copy.FeatureNames);
        Assert.Throws<InvalidModelException>(() => ModelManifest.FromJson("{ not json"));
    }

    [Fact]
    public async Task Trainer_TrainsModelThatLoadsAndRanks()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance);
        TrainingQuery[] queries =
        [
            new("q1", "跑鞋防水透气膜"), new("q2", "储能钠离子电池"), new("q3", "印染废水回用"),
            new("q4", "鞋底超临界发泡"), new("q5", "机床热误差补偿"), new("q6", "石墨烯散热膜"),
        ];
        Judgment[] judgments =
        [
            new("q1", "a-membrane", 3), new("q2", "a-sodium", 3), new("q3", "a-dye", 3),
            new("q4", "a-foam", 3), new("q5", "a-cnc", 3), new("q6", "a-graphene", 3),
        ];
        var trainer = new LambdaRankTrainer(new LambdaRankTrainerOptions { NumberOfTrees = 5, MinimumExampleCountPerLeaf = 1, NumberOfLeaves = 2 });
        var model = await trainer.TrainAsync(engine, queries, judgments);
        var dir = TestFixtures.NewTempDirectory();
        model.Save(dir);
        var ranker = LearnedMatchRanker.Load(Path.Combine(dir, TrainedRankingModel.ModelFileName), Path.Combine(dir, TrainedRankingModel.ManifestFileName));
        var results = await new MatchEngine(index, ranker).MatchAsync(MatchRequest.ForText("跑鞋防水透气膜", "quanzhou"));
        Assert.NotEmpty(results.Items);
        Assert.Equal(model.Manifest.ModelSha256, ranker.Manifest.ModelSha256);
        Assert.Matches(@"^\d+\.\d+\.\d+", model.Manifest.MlNetVersion);
        Assert.NotEqual("1.0.0.0", model.Manifest.MlNetVersion); // the assembly version, not the package's

        // The trainer's strength calibration travels in the manifest and serves every result of the loaded model.
        var calibration = Assert.IsType<StrengthCalibration>(model.Manifest.Calibration);
        Assert.True(double.IsFinite(calibration.A) && double.IsFinite(calibration.B) && double.IsFinite(calibration.C));
        Assert.Equal(calibration, ranker.Manifest.Calibration);
        Assert.All(results.Items, i => Assert.InRange(i.Strength!.Value, 0, 1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void TrainerOptions_FractionOutOfRange_Throws(double value)
    {
        var options = new LambdaRankTrainerOptions();
        Assert.Equal("FeatureFraction", Assert.Throws<ArgumentOutOfRangeException>(() => options.FeatureFraction = value).ParamName);
        Assert.Equal("BaggingFraction", Assert.Throws<ArgumentOutOfRangeException>(() => options.BaggingFraction = value).ParamName);
        options.BaggingFraction = 0.7;
        Assert.Equal(0.7, options.BaggingFraction);
    }

    [Fact]
    public async Task Trainer_NoJudgedCandidates_Throws()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance);
        await Assert.ThrowsAsync<ArgumentException>(() => new LambdaRankTrainer().TrainAsync(engine, [new TrainingQuery("q", "防水")], [new Judgment("q", "nowhere", 3)]));
    }
}
