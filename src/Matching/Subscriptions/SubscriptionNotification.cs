namespace Quanzhou.Matching.Subscriptions;

/// <summary>A new document matched a subscription above its threshold (订阅通知).</summary>
/// <param name="SubscriptionId">The subscription that matched.</param>
/// <param name="Tenant">The subscription's tenant.</param>
/// <param name="Owner">Who to notify (the subscription's owner).</param>
/// <param name="DocumentId">The new document.</param>
/// <param name="DocumentKind">The new document's kind.</param>
/// <param name="DocumentTitle">The new document's title.</param>
/// <param name="Score">
/// The normalised score in [0, 1]: the share of the subscription's idf-weighted terms (0.6 SmartCn words + 0.4 CJK bigrams)
/// that the document contains; see <see cref="SubscriptionRegistry"/>.
/// </param>
/// <param name="MatchedTerms">The subscription's words found in the document, most informative first (at most 12; single characters are left out of this list, not out of the score).</param>
public sealed record SubscriptionNotification(
    string SubscriptionId,
    string Tenant,
    string Owner,
    string DocumentId,
    DocumentKind DocumentKind,
    string DocumentTitle,
    double Score,
    IReadOnlyList<string> MatchedTerms);
