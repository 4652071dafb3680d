namespace Quanzhou.Matching;

/// <summary>One ranked match.</summary>
/// <param name="Id">The matched document's id.</param>
/// <param name="Kind">The matched document's kind.</param>
/// <param name="Title">The matched document's title (an expert's name).</param>
/// <param name="Score">The ranker's score; higher is better. Comparable only within one result list.</param>
/// <param name="Rank">The 1-based rank in the full ranked list (paging keeps ranks).</param>
/// <param name="Document">The matched document as stored.</param>
/// <param name="Explanation">Why it matched, when explanations were requested.</param>
public sealed record MatchResult(
    string Id,
    DocumentKind Kind,
    string Title,
    double Score,
    int Rank,
    MatchDocument Document,
    MatchExplanation? Explanation)
{
    /// <summary>The strength from which a match is <see cref="MatchBand.Strong"/> (强).</summary>
    public const double StrongThreshold = 0.6;

    /// <summary>The strength from which a match is <see cref="MatchBand.Medium"/> (中).</summary>
    public const double MediumThreshold = 0.3;

    /// <summary>
    /// The estimated chance, in [0, 1], that a person would judge this result relevant (grade ≥ 2 on the 0–3 scale of
    /// the evaluation data): the ranker's score calibrated on judgments, comparable across needs. <see langword="null"/>
    /// when the ranker has no calibration (see the matching article: the shipped learned model and BM25 order have one).
    /// </summary>
    public double? Strength { get; init; }

    /// <summary>The band of <see cref="Strength"/> (强 / 中 / 弱); <see langword="null"/> without a strength.</summary>
    public MatchBand? Band => Strength is { } s ? BandFor(s) : null;

    /// <summary>The band of a strength: <see cref="StrongThreshold"/> and <see cref="MediumThreshold"/> divide them.</summary>
    /// <param name="strength">A strength in [0, 1].</param>
    /// <returns>The band.</returns>
    public static MatchBand BandFor(double strength) => strength >= StrongThreshold ? MatchBand.Strong : strength >= MediumThreshold ? MatchBand.Medium : MatchBand.Weak;
}
