namespace Quanzhou.Matching;

/// <summary>Orders retrieved candidates. The default keeps BM25 order; the learned ranker scores features with a trained model.</summary>
/// <remarks>Implementations are thread-safe and meant to be used as singletons.</remarks>
public interface IMatchRanker
{
    /// <summary>A stable name shown in results and evaluation tables, e.g. <c>bm25</c> or <c>learned</c>.</summary>
    string Name { get; }

    /// <summary>Whether <see cref="RankingCandidate.Features"/> must be computed for this ranker (BM25 order does not need them).</summary>
    bool UsesFeatures { get; }

    /// <summary>Scores every candidate of one query.</summary>
    /// <param name="input">The query's candidates and their features.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One score per candidate, in candidate order.</returns>
    ValueTask<IReadOnlyList<RankerScore>> ScoreAsync(RankingInput input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns an object of <paramref name="serviceType"/> that this ranker is or wraps (the pattern of
    /// Microsoft.Extensions.AI's <c>GetService</c>): a decorator forwards to its inner ranker, so the engine and the
    /// health check find the learned model or the swappable holder behind any wrapping. Default: this ranker when it is
    /// of that type and no key is given.
    /// </summary>
    /// <param name="serviceType">The wanted type.</param>
    /// <param name="serviceKey">An optional key; unused by the built-in rankers.</param>
    /// <returns>The object, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
