namespace Quanzhou.Matching;

/// <summary>A page of ranked matches.</summary>
/// <param name="Items">The results of this page, best first.</param>
/// <param name="TotalCandidates">How many candidates retrieval found (before paging, capped by the candidate pool).</param>
/// <param name="Ranker">The name of the ranker that ordered them.</param>
/// <param name="Elapsed">Time spent in the matcher.</param>
public sealed record MatchResults(
    IReadOnlyList<MatchResult> Items,
    int TotalCandidates,
    string Ranker,
    TimeSpan Elapsed)
{
    /// <summary>Facets: how many of all ranked candidates (not only this page) carry each industry tag, most frequent first.</summary>
    public IReadOnlyDictionary<string, int> IndustryFacets { get; init; } = new Dictionary<string, int>();
}
