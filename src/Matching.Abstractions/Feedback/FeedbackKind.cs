namespace Quanzhou.Matching;

/// <summary>What a user did with a shown match; stronger events map to higher relevance grades.</summary>
public enum FeedbackKind
{
    /// <summary>The match was shown (an impression; grade 0 unless something stronger happens).</summary>
    Shown = 0,

    /// <summary>The user opened the match (grade 1).</summary>
    Clicked = 1,

    /// <summary>The user contacted the owner (grade 2).</summary>
    Contacted = 2,

    /// <summary>A deal was signed (grade 3).</summary>
    DealSigned = 3,

    /// <summary>The user dismissed the match as irrelevant (grade 0, overrides clicks).</summary>
    Dismissed = 4,
}
