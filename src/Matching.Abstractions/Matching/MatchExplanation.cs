namespace Quanzhou.Matching;

/// <summary>Why a document matched, in words a technology manager (技术经理人) can read.</summary>
/// <param name="MatchedTerms">Query terms found in the document, most informative first.</param>
/// <param name="Snippet">The best passage of the document with matched terms wrapped in <c>&lt;em&gt;…&lt;/em&gt;</c> (HTML-encoded otherwise).</param>
/// <param name="Reasons">
/// At most five short sentences for the person who acts on the match (Chinese, English kept): term coverage, 语义相近 when
/// an embedding model ranked it up, the important query terms it does not cover (未覆盖), industry, region, maturity,
/// budget and cooperation-mode agreement; an expert's supporting achievements follow. No ranking-model internals.
/// </param>
/// <param name="Contributions">For researchers: the ranking features that moved this result most, strongest first, with values and contributions (empty for BM25 order).</param>
public sealed record MatchExplanation(
    IReadOnlyList<string> MatchedTerms,
    string Snippet,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<FeatureContribution> Contributions)
{
    /// <summary>Documents that support the match, best first: for an expert, their own achievements that match the query (empty otherwise).</summary>
    public IReadOnlyList<MatchEvidence> Evidence { get; init; } = [];

    /// <summary>The candidate's similarity to the query under the index's embedding model (语义相似度); <see langword="null"/> without one.</summary>
    public float? SemanticSimilarity { get; init; }
}
