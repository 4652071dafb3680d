namespace Quanzhou.Matching.Ranking;

/// <summary>
/// A ranker whose model can be replaced while queries run (e.g. after retraining). Each query takes one snapshot of
/// <see cref="Current"/> when it starts (see <see cref="MatchEngine"/>), so it is scored by exactly one model version.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class SwappableMatchRanker : IMatchRanker
{
    private IMatchRanker _current;

    /// <summary>Creates a swappable ranker.</summary>
    /// <param name="initial">The first ranker.</param>
    public SwappableMatchRanker(IMatchRanker initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    /// <summary>The ranker new queries use.</summary>
    public IMatchRanker Current => Volatile.Read(ref _current);

    /// <inheritdoc />
    public string Name => Current.Name;

    /// <inheritdoc />
    public bool UsesFeatures => Current.UsesFeatures;

    /// <summary>Replaces the ranker; queries already running finish with the old one.</summary>
    /// <param name="ranker">The new ranker (load and verify it before swapping, e.g. with <see cref="LearnedMatchRanker.Load(string, string)"/>).</param>
    /// <returns>The previous ranker.</returns>
    public IMatchRanker Swap(IMatchRanker ranker)
    {
        ArgumentNullException.ThrowIfNull(ranker);
        return Interlocked.Exchange(ref _current, ranker);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RankerScore>> ScoreAsync(RankingInput input, CancellationToken cancellationToken = default) =>
        Current.ScoreAsync(input, cancellationToken);

    /// <summary>This holder when asked for <see cref="SwappableMatchRanker"/>; otherwise what the current ranker returns.</summary>
    /// <param name="serviceType">The wanted type.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The object, or <see langword="null"/>.</returns>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : Current.GetService(serviceType, serviceKey);
    }
}
