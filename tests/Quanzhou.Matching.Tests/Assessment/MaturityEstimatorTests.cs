using Quanzhou.Matching.Assessment;
using Xunit.Abstractions;

namespace Quanzhou.Matching.Tests.Assessment;

public class MaturityEstimatorTests(ITestOutputHelper output)
{
    /// <summary>Held-out accuracy floor of the combined estimator (measured 0.722 by this test; see README).</summary>
    private const double AccuracyFloor = 0.65;

    [Theory]
    [InlineData("本项目处于实验室研究阶段，已在实验室完成原理验证，发表SCI论文3篇。", "实验室", "实验室研究")]
    [InlineData("项目已完成小试，公斤级样品性能稳定，正在寻求合作伙伴。", "小试", "完成小试")]
    [InlineData("已在晋江建成中试线，连续运行6个月，产品良率95%。", "中试", "建成中试线")]
    [InlineData("该技术已实现量产，年产高性能纤维5000吨，产品销往全国。", "产业化", "实现量产")]
    public void Estimate_ClearCutText_ReturnsStageAndSupportingPhrase(string text, string stage, string phrase)
    {
        var estimate = MaturityEstimator.Default.Estimate(text);

        Assert.Equal(stage, estimate.Stage);
        Assert.Equal("rules", estimate.Method);
        Assert.Contains(estimate.SupportingPhrases, p => p.Contains(phrase, StringComparison.Ordinal));
        Assert.InRange(estimate.Confidence, 0.6, 1.0);
        Assert.InRange(estimate.Maturity.Level, estimate.MinTrl, estimate.MaxTrl);
        Assert.Equal(1.0, estimate.Probabilities.Values.Sum(), 2);
    }

    [Fact]
    public void Estimate_HistoryOfStages_ReturnsTheHighestReached()
    {
        var estimate = MaturityEstimator.Default.Estimate("2022年完成小试，2024年建成中试线并完成中试验证。");
        Assert.Equal("中试", estimate.Stage);
        Assert.Equal(6, estimate.MinTrl);
        Assert.Equal(7, estimate.MaxTrl);
    }

    [Fact]
    public void Estimate_NegatedCue_IsIgnored()
    {
        var estimate = MaturityEstimator.Default.Estimate("目前已完成小试，尚未实现量产，计划建设中试线。");
        Assert.Equal("小试", estimate.Stage);
        Assert.DoesNotContain(estimate.SupportingPhrases, p => p.Contains("量产", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_NoCue_FallsBackToTheModel()
    {
        var estimate = MaturityEstimator.Default.Estimate("一种鞋用材料。");
        Assert.Equal("model", estimate.Method);
        Assert.Contains(estimate.Stage, new[] { "实验室", "小试", "中试", "产业化" });
        Assert.InRange(estimate.Confidence, 0.0, 1.0);
    }

    [Fact]
    public void HeldOutAccuracy_IsAboveTheFloor()
    {
        // 5-fold cross-validation over the embedded seed set ordered by id: fold k holds out every fifth example
        // starting at k and trains the model on the rest. The figures are printed (README: "measured maturity accuracy").
        var seed = MaturityEstimator.SeedExamples().OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        int correct = 0, modelCorrect = 0, rulesDecided = 0, rulesCorrect = 0, majorityCorrect = 0;
        for (var fold = 0; fold < 5; fold++)
        {
            var test = seed.Where((_, i) => i % 5 == fold).ToArray();
            var train = seed.Where((_, i) => i % 5 != fold).ToArray();
            var estimator = MaturityEstimator.Train(train.Select(e => (e.Text, Maturity.Parse(e.Stage))));
            var estimates = estimator.EstimateMany(test.Select(e => e.Text).ToArray());
            var majority = train.GroupBy(e => e.Stage).OrderByDescending(g => g.Count()).First().Key;
            for (var i = 0; i < test.Length; i++)
            {
                correct += estimates[i].Stage == test[i].Stage ? 1 : 0;
                modelCorrect += estimator.PredictModelOnly(test[i].Text) == test[i].Stage ? 1 : 0;
                majorityCorrect += majority == test[i].Stage ? 1 : 0;
                if (estimates[i].Method == "rules")
                {
                    rulesDecided++;
                    rulesCorrect += estimates[i].Stage == test[i].Stage ? 1 : 0;
                }
            }
        }

        double n = seed.Length, combined = correct / n;
        output.WriteLine($"maturity stage accuracy, 5-fold held-out over {seed.Length} labelled texts: rules+model {combined:0.000}, " +
            $"model only {modelCorrect / n:0.000}, strong rules decided {rulesDecided / n:0.000} of texts at {rulesCorrect / (double)Math.Max(1, rulesDecided):0.000}, " +
            $"majority class {majorityCorrect / n:0.000}");

        Assert.True(combined >= AccuracyFloor, $"accuracy {combined:0.000} < {AccuracyFloor}");
        Assert.True(combined > modelCorrect / n, "rules + model should beat the model alone");
        Assert.True(combined > majorityCorrect / n, $"accuracy {combined:0.000} should beat the majority class");
    }

    [Fact]
    public void Estimate_Document_UsesItsTextNotItsDeclaredMaturity()
    {
        var achievement = new TechAchievement("a", "高强度再生涤纶长丝") { Description = "已实现量产，年产5000吨。", Maturity = Maturity.Parse("实验室") };
        Assert.Equal("产业化", MaturityEstimator.Default.Estimate(achievement).Stage);
    }

    [Fact]
    public void Arguments_AreValidated()
    {
        Assert.Throws<ArgumentNullException>(() => MaturityEstimator.Default.Estimate((string)null!));
        Assert.Throws<ArgumentNullException>(() => MaturityEstimator.Default.Estimate((MatchDocument)null!));
        Assert.Throws<ArgumentNullException>(() => MaturityEstimator.Default.EstimateMany(null!));
        Assert.Throws<ArgumentException>(() => MaturityEstimator.Train([("完成中试", Maturity.Parse("中试"))]));
        Assert.Empty(MaturityEstimator.Default.EstimateMany([]));
        Assert.Equal("1", MaturityEstimator.RulesVersion);
    }
}
