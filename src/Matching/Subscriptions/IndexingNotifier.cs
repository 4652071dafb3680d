namespace Quanzhou.Matching.Subscriptions;

/// <summary>
/// Hooks subscriptions to indexing without changing the index: upserts a document into a <see cref="MatchIndex"/> and,
/// when it was accepted, returns the subscriptions it matches (<see cref="SubscriptionRegistry.FindMatchesAsync"/>).
/// </summary>
/// <remarks>
/// Thread-safe. Updating a document notifies again; a portal that wants one notification per document and subscription
/// keeps the pairs it has sent. Deliver notifications (mail, message, in-portal inbox) outside the indexing path.
/// </remarks>
public sealed class IndexingNotifier
{
    /// <summary>Creates a notifier.</summary>
    /// <param name="index">The index written to.</param>
    /// <param name="registry">The subscriptions.</param>
    public IndexingNotifier(MatchIndex index, SubscriptionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(registry);
        Index = index;
        Registry = registry;
    }

    /// <summary>The index written to.</summary>
    public MatchIndex Index { get; }

    /// <summary>The subscriptions matched against new documents.</summary>
    public SubscriptionRegistry Registry { get; }

    /// <summary>Upserts a document and finds the subscriptions it matches.</summary>
    /// <param name="document">The new or updated document.</param>
    /// <param name="options">Options for the subscription search; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The indexing outcome and, when accepted, the notifications.</returns>
    public async Task<UpsertNotificationResult> UpsertAsync(MatchDocument document, SubscriptionMatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var outcome = await Index.UpsertAsync(document, cancellationToken).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            return new UpsertNotificationResult(outcome, []);
        }

        var notifications = await Registry.FindMatchesAsync(document, options, cancellationToken).ConfigureAwait(false);
        return new UpsertNotificationResult(outcome, notifications);
    }
}
