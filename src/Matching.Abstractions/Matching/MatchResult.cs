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
    MatchExplanation? Explanation);
