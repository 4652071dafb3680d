namespace Quanzhou.Matching.Ranking;

/// <summary>Keeps the BM25 retrieval order: the fallback when no learned model is wanted.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class Bm25MatchRanker : IMatchRanker
{
    /// <summary>The shared instance.</summary>
    public static Bm25MatchRanker Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "bm25";

    /// <inheritdoc />
    public bool UsesFeatures => false;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RankerScore>> ScoreAsync(RankingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<RankerScore> scores = input.Candidates.Select(c => new RankerScore(c.RetrievalScore, [])).ToArray();
        return ValueTask.FromResult(scores);
    }
}
