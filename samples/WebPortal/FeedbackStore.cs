using System.Collections.Concurrent;
using Quanzhou.Matching;

namespace WebPortal;

/// <summary>
/// Feedback events kept in memory. A real portal stores them, then turns them into <see cref="Judgment"/>s to retrain
/// the ranker (LambdaRankTrainer) on its own data.
/// </summary>
internal sealed class FeedbackStore
{
    private readonly ConcurrentQueue<FeedbackEvent> _events = new();

    public void Add(FeedbackEvent feedback) => _events.Enqueue(feedback);

    public IReadOnlyList<FeedbackEvent> All() => [.. _events];
}
