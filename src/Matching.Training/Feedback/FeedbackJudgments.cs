namespace Quanzhou.Matching.Feedback;

/// <summary>
/// Turns portal feedback into graded judgments for retraining (<see cref="Ranking.LambdaRankTrainer"/>): per query and
/// document the strongest event counts — deal signed 3, contacted 2, clicked 1, shown only 0 — and a dismissal overrides
/// clicks and contacts (grade 0) but not a signed deal.
/// </summary>
public static class FeedbackJudgments
{
    /// <summary>Converts events to one judgment per (query, document) pair.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <returns>Judgments ordered by query id, then document id.</returns>
    public static IReadOnlyList<Judgment> ToJudgments(IEnumerable<FeedbackEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events
            .GroupBy(e => (e.QueryId, e.DocumentId))
            .Select(g => new Judgment(g.Key.QueryId, g.Key.DocumentId, Grade(g.Select(e => e.Kind).ToHashSet())))
            .OrderBy(j => j.QueryId, StringComparer.Ordinal)
            .ThenBy(j => j.DocumentId, StringComparer.Ordinal)
            .ToArray();
    }

    private static int Grade(HashSet<FeedbackKind> kinds) =>
        kinds.Contains(FeedbackKind.DealSigned) ? 3
        : kinds.Contains(FeedbackKind.Dismissed) ? 0
        : kinds.Contains(FeedbackKind.Contacted) ? 2
        : kinds.Contains(FeedbackKind.Clicked) ? 1
        : 0;
}
