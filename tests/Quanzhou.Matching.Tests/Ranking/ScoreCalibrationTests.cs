using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Ranking;

/// <summary>Match strength: calibrated, in [0, 1], monotone within a list, banded as documented.</summary>
public sealed class ScoreCalibrationTests
{
    [Fact]
    public void Fit_RecoversTheParametersOfALogisticModel()
    {
        var random = new Random(5);
        var (a, c, b) = (3.0, -1.5, -0.5);
        var samples = Enumerable.Range(0, 40_000).Select(_ =>
        {
            var x = (random.NextDouble() * 4) - 2;
            var y = random.NextDouble() * 2;
            var p = 1 / (1 + Math.Exp(-((a * x) + (c * y) + b)));
            return (x, y, random.NextDouble() < p);
        }).ToArray();
        var fit = ScoreCalibration.Fit(samples, difference: true);
        Assert.Equal(a, fit.A, 0.15);
        Assert.Equal(c, fit.C, 0.15);
        Assert.Equal(b, fit.B, 0.15);
    }

    [Fact]
    public void Fit_OnSeparableData_StaysFinite()
    {
        var fit = ScoreCalibration.Fit([(0, 0, false), (1, 0, true), (0.1, 0, false), (0.9, 0, true)], difference: false);
        Assert.True(double.IsFinite(fit.A) && double.IsFinite(fit.B) && double.IsFinite(fit.C));
        Assert.True(fit.Strength(1, 1) > fit.Strength(0.1, 1));
    }

    [Theory]
    [InlineData(0.0, MatchBand.Weak)]
    [InlineData(0.2999, MatchBand.Weak)]
    [InlineData(0.3, MatchBand.Medium)]
    [InlineData(0.5999, MatchBand.Medium)]
    [InlineData(0.6, MatchBand.Strong)]
    [InlineData(1.0, MatchBand.Strong)]
    public void Bands_FollowTheDocumentedThresholds(double strength, MatchBand band) => Assert.Equal(band, MatchResult.BandFor(strength));

    [Fact]
    public async Task Results_CarryStrengthForCalibratedRankers_MonotoneInRank_AndNoneForOthers()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        foreach (var ranker in new IMatchRanker[] { LearnedMatchRanker.Default, Bm25MatchRanker.Instance })
        {
            foreach (var need in TestFixtures.Documents.OfType<TechNeed>())
            {
                var items = (await new MatchEngine(index, ranker).MatchAsync(MatchRequest.ForDocument(need), new MatchOptions { Kinds = [DocumentKind.Achievement] })).Items;
                Assert.All(items, i => Assert.InRange(i.Strength!.Value, 0, 1));
                Assert.All(items, i => Assert.Equal(MatchResult.BandFor(i.Strength!.Value), i.Band));
                for (var r = 1; r < items.Count; r++)
                {
                    Assert.True(items[r].Strength <= items[r - 1].Strength, $"{ranker.Name}: strength rises from rank {r} to {r + 1}");
                }
            }
        }

        var hybrid = await new MatchEngine(index, new HybridMatchRanker()).MatchAsync(MatchRequest.ForText("防水透气膜"));
        Assert.All(hybrid.Items, i => Assert.Null(i.Strength));
        Assert.All(hybrid.Items, i => Assert.Null(i.Band));
    }
}
