namespace Quanzhou.Matching.Subscriptions;

/// <summary>
/// A subscription (订阅): a saved need or a saved interest whose owner wants to hear about new documents that match it.
/// Instances are immutable and validated on construction; a bad value throws an <see cref="ArgumentException"/> naming it.
/// </summary>
/// <remarks>
/// A subscription only hears about documents its <see cref="Tenant"/> may see (<see cref="MatchDocument.IsVisibleTo"/>):
/// a tenant-only or confidential document of another tenant never notifies it.
/// </remarks>
public sealed class Subscription
{
    /// <summary>The default <see cref="Threshold"/>: 0.3 (the document holds 30% of the subscription's idf-weighted terms).</summary>
    public const double DefaultThreshold = 0.3;

    /// <summary>Longest accepted interest text, in characters.</summary>
    public const int MaxTextLength = 4_000;

    private readonly IReadOnlyList<DocumentKind> _targetKinds;
    private readonly double _threshold = DefaultThreshold;
    private readonly IReadOnlyList<string> _industryTags = [];
    private readonly string? _region;

    /// <summary>Creates a saved need (<see cref="SubscriptionKind.SavedNeed"/>); its tenant is the need's.</summary>
    /// <param name="id">The subscription id (same rules as a document id).</param>
    /// <param name="owner">Who to notify: a user or organisation id of the portal.</param>
    /// <param name="need">The need; its title, keywords and description are the query.</param>
    /// <exception cref="ArgumentNullException"><paramref name="need"/> is null.</exception>
    /// <exception cref="ArgumentException">The id or owner is invalid.</exception>
    public Subscription(string id, string owner, TechNeed need)
    {
        Id = DocumentValidation.ValidateId(id, nameof(id));
        Owner = DocumentValidation.ValidateId(owner, nameof(owner));
        ArgumentNullException.ThrowIfNull(need);
        Need = need;
        Tenant = need.Tenant;
        Kind = SubscriptionKind.SavedNeed;
        Text = need.GetSearchText();
        _targetKinds = [DocumentKind.Achievement, DocumentKind.Expert];
    }

    /// <summary>Creates a saved interest (<see cref="SubscriptionKind.SavedInterest"/>), e.g. a researcher who wants new needs about 石墨烯.</summary>
    /// <param name="id">The subscription id (same rules as a document id).</param>
    /// <param name="tenant">The subscriber's tenant.</param>
    /// <param name="owner">Who to notify: a user or organisation id of the portal.</param>
    /// <param name="text">What the owner is interested in, e.g. 石墨烯导热膜 鞋材应用 (at most <see cref="MaxTextLength"/> characters).</param>
    /// <exception cref="ArgumentException">A value is missing, invalid or too long.</exception>
    public Subscription(string id, string tenant, string owner, string text)
    {
        Id = DocumentValidation.ValidateId(id, nameof(id));
        Tenant = DocumentValidation.ValidateId(tenant, nameof(tenant));
        Owner = DocumentValidation.ValidateId(owner, nameof(owner));
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = DocumentValidation.ValidateText(text.Trim(), MaxTextLength, nameof(text));
        Kind = SubscriptionKind.SavedInterest;
        _targetKinds = [DocumentKind.Need, DocumentKind.Achievement, DocumentKind.Expert];
    }

    /// <summary>The subscription id, unique within a <see cref="SubscriptionRegistry"/>.</summary>
    public string Id { get; }

    /// <summary>The subscriber's tenant; decides which documents the subscription may hear about.</summary>
    public string Tenant { get; }

    /// <summary>Who to notify.</summary>
    public string Owner { get; }

    /// <summary>Saved need or saved interest.</summary>
    public SubscriptionKind Kind { get; }

    /// <summary>The saved need, for <see cref="SubscriptionKind.SavedNeed"/>; otherwise <see langword="null"/>.</summary>
    public TechNeed? Need { get; }

    /// <summary>The query text: the interest text, or the need's searchable text.</summary>
    public string Text { get; }

    /// <summary>
    /// The kinds of new documents that can notify this subscription. Default: achievements and experts for a saved need;
    /// all three kinds for a saved interest. Must not be empty.
    /// </summary>
    public IReadOnlyList<DocumentKind> TargetKinds
    {
        get => _targetKinds;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(TargetKinds));
            var kinds = value.Distinct().ToArray();
            if (kinds.Length == 0)
            {
                throw new ArgumentException("TargetKinds cannot be empty (目标类型不能为空).", nameof(TargetKinds));
            }

            foreach (var kind in kinds)
            {
                if (!Enum.IsDefined(kind))
                {
                    throw new ArgumentOutOfRangeException(nameof(TargetKinds), kind, "Unknown document kind.");
                }
            }

            _targetKinds = kinds;
        }
    }

    /// <summary>
    /// The normalised score (0, 1] a new document must reach: the share of this subscription's idf-weighted terms the
    /// document contains. Default <see cref="DefaultThreshold"/>. Short interests reach high shares easily (0.5–0.8 is a
    /// sensible range); long saved needs rarely exceed 0.4 even for good matches (0.15–0.3; the demo corpus's saved needs reach 0.2–0.3).
    /// </summary>
    public double Threshold
    {
        get => _threshold;
        init => _threshold = ValidateThreshold(value, nameof(Threshold));
    }

    /// <summary>Only documents with at least one of these industry tags notify; empty (default) means any.</summary>
    public IReadOnlyList<string> IndustryTags
    {
        get => _industryTags;
        init => _industryTags = DocumentValidation.ValidateTags(value, nameof(IndustryTags));
    }

    /// <summary>Only documents of this region code (e.g. <c>350582</c>) notify; <see langword="null"/> (default) means any.</summary>
    public string? Region
    {
        get => _region;
        init => _region = value is null ? null : DocumentValidation.ValidateTag(value, nameof(Region));
    }

    /// <summary>When the subscription was created, if known (kept and exported, not used for matching).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Whether <paramref name="document"/> passes this subscription's filters: visible to its tenant, a target kind, tags, region, not its own need.</summary>
    /// <param name="document">The new document.</param>
    /// <returns><see langword="true"/> when the document may notify this subscription (if its text matches).</returns>
    public bool Accepts(MatchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.IsVisibleTo(Tenant)
            && _targetKinds.Contains(document.Kind)
            && !(Need is not null && string.Equals(Need.Id, document.Id, StringComparison.Ordinal) && document.Kind == DocumentKind.Need)
            && (_industryTags.Count == 0 || document.IndustryTags.Any(t => _industryTags.Contains(t, StringComparer.Ordinal)))
            && (_region is null || string.Equals(_region, document.Region, StringComparison.Ordinal));
    }

    /// <summary>Returns the kind, id and owner.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Kind} {Id} ({Tenant}/{Owner})";

    internal static double ValidateThreshold(double value, string paramName)
    {
        if (double.IsNaN(value) || value <= 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "A threshold must be in (0, 1] (阈值须在0到1之间).");
        }

        return value;
    }
}
