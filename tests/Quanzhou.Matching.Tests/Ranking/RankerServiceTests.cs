using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Ranking;

public class RankerServiceTests
{
    /// <summary>A host's decorator (e.g. for logging) that forwards everything, GetService included.</summary>
    private sealed class Decorator(IMatchRanker inner) : IMatchRanker
    {
        public string Name => inner.Name;

        public bool UsesFeatures => inner.UsesFeatures;

        public ValueTask<IReadOnlyList<RankerScore>> ScoreAsync(RankingInput input, CancellationToken cancellationToken = default) => inner.ScoreAsync(input, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);
    }

    [Fact]
    public void GetService_FindsTheLearnedModelAndTheSwappableHolderBehindDecorators()
    {
        var learned = LearnedMatchRanker.Default;
        var swappable = new SwappableMatchRanker(learned);
        IMatchRanker decorated = new Decorator(swappable);

        Assert.Same(swappable, decorated.GetService(typeof(SwappableMatchRanker)));
        Assert.Same(learned, decorated.GetService(typeof(LearnedMatchRanker)));
        Assert.Null(decorated.GetService(typeof(LearnedMatchRanker), "some-key"));
        Assert.Null(((IMatchRanker)Bm25MatchRanker.Instance).GetService(typeof(LearnedMatchRanker)));

        swappable.Swap(Bm25MatchRanker.Instance);
        Assert.Null(decorated.GetService(typeof(LearnedMatchRanker)));
        Assert.Same(Bm25MatchRanker.Instance, decorated.GetService(typeof(Bm25MatchRanker)));
    }

    [Fact]
    public async Task MatchEngine_WithADecoratedSwappableRanker_ScoresWithTheCurrentModel()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var swappable = new SwappableMatchRanker(Bm25MatchRanker.Instance);
        var engine = new MatchEngine(index, new Decorator(swappable));
        Assert.Equal(Bm25MatchRanker.Instance.Name, (await engine.MatchAsync(MatchRequest.ForText("防水透气膜"))).Ranker);
        swappable.Swap(LearnedMatchRanker.Default);
        Assert.Equal(LearnedMatchRanker.Default.Name, (await engine.MatchAsync(MatchRequest.ForText("防水透气膜"))).Ranker);
    }
}
