namespace Quanzhou.Matching;

/// <summary>A user's action on a match shown for a query (a need, achievement or expert id).</summary>
/// <param name="QueryId">The id of the document matched from.</param>
/// <param name="DocumentId">The id of the shown match.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Timestamp">When it happened.</param>
public sealed record FeedbackEvent(string QueryId, string DocumentId, FeedbackKind Kind, DateTimeOffset Timestamp);
