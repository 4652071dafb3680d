namespace Quanzhou.Matching.Ranking;

/// <summary>How <see cref="HybridMatchRanker"/> combines the lexical and the dense signal.</summary>
public enum HybridFusion
{
    /// <summary>
    /// Min-max normalise both scores over the query's candidates, then (1 − w)·lexical + w·dense. A candidate without a
    /// vector counts as the lowest dense score.
    /// </summary>
    Interpolation,

    /// <summary>Reciprocal rank fusion (Cormack et al. 2009): (1 − w)/(k + lexical rank) + w/(k + dense rank); no dense term without a vector.</summary>
    ReciprocalRank,
}

/// <summary>
/// A non-learned hybrid ranker: an inner (lexical) ranker's scores fused with the candidates' dense similarity
/// (<see cref="RankingCandidate.DenseScore"/>). Without vectors (an index with no embedding model) it keeps the inner
/// ranker's order exactly. Choose <see cref="DenseWeight"/> by cross-validation on your judgments (the evaluation tool's
/// <c>hybrid</c> pipeline does, on train folds).
/// </summary>
/// <remarks>Stateless and thread-safe when the inner ranker is.</remarks>
public sealed class HybridMatchRanker : IMatchRanker
{
    private readonly double _denseWeight = 0.5;
    private readonly int _rrfK = 60;

    /// <summary>The lexical ranker whose scores are fused; default <see cref="Bm25MatchRanker"/>.</summary>
    public IMatchRanker Lexical { get; init; } = Bm25MatchRanker.Instance;

    /// <summary>How the signals are combined; default <see cref="HybridFusion.Interpolation"/>.</summary>
    public HybridFusion Fusion { get; init; } = HybridFusion.Interpolation;

    /// <summary>The dense signal's weight w in [0, 1]; default 0.5. 0 keeps the lexical order, 1 ranks by meaning alone.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The weight is outside [0, 1] or not a number.</exception>
    public double DenseWeight
    {
        get => _denseWeight;
        init => _denseWeight = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "DenseWeight must be between 0 and 1.");
    }

    /// <summary>The k of reciprocal rank fusion; default 60, at least 1.</summary>
    public int RrfK
    {
        get => _rrfK;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _rrfK = value;
        }
    }

    /// <inheritdoc />
    public string Name => Lexical is Bm25MatchRanker ? "hybrid" : "hybrid-" + Lexical.Name;

    /// <inheritdoc />
    public bool UsesFeatures => Lexical.UsesFeatures;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RankerScore>> ScoreAsync(RankingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lexical = await Lexical.ScoreAsync(input, cancellationToken).ConfigureAwait(false);
        if (lexical.Count != input.Candidates.Count)
        {
            throw new InvalidOperationException($"The lexical ranker '{Lexical.Name}' returned {lexical.Count} scores for {input.Candidates.Count} candidates.");
        }

        var dense = input.Candidates.Select(c => c.DenseScore).ToArray();
        var fused = Fusion == HybridFusion.Interpolation
            ? Interpolate([.. lexical.Select(s => s.Score)], dense, _denseWeight)
            : ReciprocalRanks([.. lexical.Select(s => s.Score)], dense, _denseWeight, _rrfK);
        return [.. fused.Select((score, i) => new RankerScore(score, lexical[i].Contributions))];
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : Lexical.GetService(serviceType, serviceKey);
    }

    /// <summary>(1 − w)·minmax(lexical) + w·minmax(dense); a missing dense score normalises to 0.</summary>
    internal static double[] Interpolate(double[] lexical, float?[] dense, double weight)
    {
        var (lMin, lMax) = Range(lexical.Select(x => (double?)x));
        var (dMin, dMax) = Range(dense.Select(x => (double?)x));
        var result = new double[lexical.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var l = lMax > lMin ? (lexical[i] - lMin) / (lMax - lMin) : 0;
            var d = dense[i] is { } v && dMax > dMin ? (v - dMin) / (dMax - dMin) : 0;
            result[i] = ((1 - weight) * l) + (weight * d);
        }

        return result;
    }

    /// <summary>Weighted reciprocal rank fusion; ranks are 1-based, ties broken by candidate order.</summary>
    internal static double[] ReciprocalRanks(double[] lexical, float?[] dense, double weight, int k)
    {
        var result = new double[lexical.Length];
        var byLexical = Enumerable.Range(0, lexical.Length).OrderByDescending(i => lexical[i]).ThenBy(i => i).ToArray();
        for (var rank = 0; rank < byLexical.Length; rank++)
        {
            result[byLexical[rank]] += (1 - weight) / (k + rank + 1);
        }

        var byDense = Enumerable.Range(0, dense.Length).Where(i => dense[i] is not null).OrderByDescending(i => dense[i]!.Value).ThenBy(i => i).ToArray();
        for (var rank = 0; rank < byDense.Length; rank++)
        {
            result[byDense[rank]] += weight / (k + rank + 1);
        }

        return result;
    }

    private static (double Min, double Max) Range(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToArray();
        return present.Length == 0 ? (0, 0) : (present.Min(), present.Max());
    }
}
