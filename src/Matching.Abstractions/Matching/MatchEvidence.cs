namespace Quanzhou.Matching;

/// <summary>A document that supports a match, e.g. one of an expert's own achievements (成果) that matches the need.</summary>
/// <param name="Id">The supporting document's id.</param>
/// <param name="Kind">The supporting document's kind.</param>
/// <param name="Title">The supporting document's title.</param>
/// <param name="Score">How well it matches the query, 0–1 (its BM25 score relative to the query's best retrieval score).</param>
public sealed record MatchEvidence(string Id, DocumentKind Kind, string Title, double Score);
