namespace Quanzhou.Matching;

/// <summary>A graded relevance judgment: how well <paramref name="DocumentId"/> answers <paramref name="QueryId"/> (0 = not relevant … 3 = exactly right).</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="DocumentId">The document id.</param>
/// <param name="Grade">The grade, 0 to 4.</param>
public sealed record Judgment(string QueryId, string DocumentId, int Grade);
