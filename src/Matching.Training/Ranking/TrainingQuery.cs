namespace Quanzhou.Matching.Ranking;

/// <summary>A query with an id, for training and evaluation (e.g. a need's text).</summary>
/// <param name="Id">The query id, as used by the judgments.</param>
/// <param name="Text">The query text.</param>
/// <param name="Type">An optional query type for per-type reports (e.g. <c>problem</c>).</param>
public sealed record TrainingQuery(string Id, string Text, string? Type = null);
