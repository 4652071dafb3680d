namespace Quanzhou.Matching;

/// <summary>
/// How strong a match reads to a technology manager, from <see cref="MatchResult.Strength"/>: 强 (strong) from
/// <see cref="MatchResult.StrongThreshold"/>, 中 (medium) from <see cref="MatchResult.MediumThreshold"/>, 弱 (weak) below.
/// </summary>
public enum MatchBand
{
    /// <summary>弱: estimated chance of relevance below <see cref="MatchResult.MediumThreshold"/>.</summary>
    Weak,

    /// <summary>中: from <see cref="MatchResult.MediumThreshold"/> up to <see cref="MatchResult.StrongThreshold"/>.</summary>
    Medium,

    /// <summary>强: at least <see cref="MatchResult.StrongThreshold"/>.</summary>
    Strong,
}
