namespace Quanzhou.Matching.Subscriptions;

/// <summary>The outcome of <see cref="IndexingNotifier.UpsertAsync"/>: the index write and the notifications it raised.</summary>
/// <param name="Outcome">What happened to the document in the index.</param>
/// <param name="Notifications">The subscriptions the document matched; empty when it was rejected.</param>
public sealed record UpsertNotificationResult(IndexingOutcome Outcome, IReadOnlyList<SubscriptionNotification> Notifications);
