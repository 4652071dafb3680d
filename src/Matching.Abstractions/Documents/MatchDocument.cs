namespace Quanzhou.Matching;

/// <summary>
/// The fields shared by needs, achievements and experts. Instances are immutable and validated on construction:
/// a bad value throws an <see cref="ArgumentException"/> (or a subclass) whose <see cref="ArgumentException.ParamName"/>
/// names the field, before anything reaches an index, so every document that exists can be stored and read back.
/// </summary>
/// <remarks>
/// The rules: ids and tenants as described at the constructor; tags and the region without control, surrogate or
/// noncharacter code points; no <see langword="null"/> entries in lists or attribute values (blank list entries are
/// dropped); enum properties only defined values (for <see cref="CooperationModes"/> only defined flags);
/// <see cref="Maturity"/> a level 1–9 or <see langword="null"/> for unknown, never <c>default(Maturity)</c>.
/// Unpaired surrogates in free text (title, description, keywords, organisation, attributes, skills, service chain) are
/// replaced by U+FFFD, so the text a document holds is the text an index returns. Dates may be any
/// <see cref="DateTimeOffset"/>; they are stored with their offset. Only <see cref="TechNeed"/>, <see cref="TechAchievement"/>
/// and <see cref="ExpertProfile"/> derive from this class: they are the kinds an index stores.
/// </remarks>
public abstract class MatchDocument
{
    /// <summary>Longest accepted id or tenant, in characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest accepted title, in characters.</summary>
    public const int MaxTitleLength = 1_000;

    /// <summary>Longest accepted description, in characters (4 Mi characters).</summary>
    public const int MaxDescriptionLength = 4 * 1024 * 1024;

    /// <summary>Most keywords, industry tags or attributes accepted per document.</summary>
    public const int MaxListCount = 256;

    private readonly string _description = string.Empty;
    private readonly IReadOnlyList<string> _keywords = [];
    private readonly IReadOnlyList<string> _industryTags = [];
    private readonly string? _region;
    private readonly string? _organization;
    private readonly string _tenant = DefaultTenant;
    private readonly IReadOnlyDictionary<string, string> _attributes = new Dictionary<string, string>();
    private readonly Maturity? _maturity;
    private readonly CooperationModes _cooperationModes;
    private readonly Visibility _visibility;

    private const CooperationModes AllCooperationModes = CooperationModes.Transfer | CooperationModes.License
        | CooperationModes.EquityInvestment | CooperationModes.JointDevelopment | CooperationModes.TechnicalService;

    /// <summary>The tenant a document belongs to when none is given.</summary>
    public const string DefaultTenant = "default";

    /// <summary>Creates a document.</summary>
    /// <param name="id">The id: 1–128 characters of letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c>; not <c>.</c> or <c>..</c>.</param>
    /// <param name="title">The title (for experts: the name), trimmed. May be empty for records that have none (e.g. some papers); portals should require one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">The id is invalid or the title too long.</exception>
    private protected MatchDocument(string id, string title)
    {
        Id = DocumentValidation.ValidateId(id, nameof(id));
        ArgumentNullException.ThrowIfNull(title);
        Title = DocumentValidation.ValidateText(title.Trim(), MaxTitleLength, nameof(title));
    }

    /// <summary>The kind of this document.</summary>
    public abstract DocumentKind Kind { get; }

    /// <summary>The document id, unique within its index.</summary>
    public string Id { get; }

    /// <summary>The title (for an expert: the person's name).</summary>
    public string Title { get; }

    /// <summary>The description, abstract or profile text. Empty when not given.</summary>
    public string Description
    {
        get => _description;
        init => _description = DocumentValidation.ValidateText(value ?? string.Empty, MaxDescriptionLength, nameof(Description));
    }

    /// <summary>Keywords (关键词) as the author gave them, trimmed; blank entries are dropped, a <see langword="null"/> entry is refused.</summary>
    public IReadOnlyList<string> Keywords
    {
        get => _keywords;
        init => _keywords = DocumentValidation.ValidateList(value, 200, nameof(Keywords));
    }

    /// <summary>Industry tags (产业标签), e.g. <c>shoes</c> or <c>new-materials</c>; compared case-insensitively.</summary>
    public IReadOnlyList<string> IndustryTags
    {
        get => _industryTags;
        init => _industryTags = DocumentValidation.ValidateTags(value, nameof(IndustryTags));
    }

    /// <summary>The region as a county/district code (区划代码, e.g. <c>350582</c> for 晋江市), if known.</summary>
    public string? Region
    {
        get => _region;
        init => _region = value is null ? null : DocumentValidation.ValidateTag(value, nameof(Region));
    }

    /// <summary>The organisation (enterprise, university or institute), if known.</summary>
    public string? Organization
    {
        get => _organization;
        init => _organization = value is null ? null : DocumentValidation.ValidateText(value, MaxTitleLength, nameof(Organization));
    }

    /// <summary>Maturity: for an achievement its current level, for a need the minimum level wanted; <see langword="null"/> when unknown.</summary>
    /// <exception cref="ArgumentException">The value is <c>default(Maturity)</c>, which has no level (use <see langword="null"/> for unknown).</exception>
    public Maturity? Maturity
    {
        get => _maturity;
        init => _maturity = value is { Level: < 1 or > 9 }
            ? throw new ArgumentException("Maturity is default(Maturity), which has no level; use Maturity.FromTrl(1–9) or Maturity.Parse, or null when unknown (成熟度无效).", nameof(Maturity))
            : value;
    }

    /// <summary>Cooperation modes offered (achievement, expert) or accepted (need).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value has a bit that is not a defined <see cref="Matching.CooperationModes"/> flag.</exception>
    public CooperationModes CooperationModes
    {
        get => _cooperationModes;
        init => _cooperationModes = (value & ~AllCooperationModes) == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CooperationModes), value, $"CooperationModes {(int)value} has undefined flags (未定义的合作方式).");
    }

    /// <summary>The owning tenant (city, park, university …). Defaults to <see cref="DefaultTenant"/>.</summary>
    public string Tenant
    {
        get => _tenant;
        init => _tenant = DocumentValidation.ValidateId(value, nameof(Tenant));
    }

    /// <summary>Who may see this document. Defaults to <see cref="Visibility.Public"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="Matching.Visibility"/>.</exception>
    public Visibility Visibility
    {
        get => _visibility;
        init => _visibility = value is Visibility.Public or Visibility.Tenant or Visibility.Confidential
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Visibility), value, $"Visibility {(int)value} is not defined (未定义的可见性).");
    }

    /// <summary>When the document was created, if known (any value; stored with its offset).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the document was last updated, if known (any value; stored with its offset).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>An open attribute bag for portal-specific fields (kept and returned, not searched). Keys are non-blank, values non-null.</summary>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get => _attributes;
        init => _attributes = DocumentValidation.ValidateAttributes(value, nameof(Attributes));
    }

    /// <summary>The text that is searched: title, keywords and description joined by newlines.</summary>
    /// <returns>The searchable text.</returns>
    public virtual string GetSearchText() => ComposeSearchText(Title, Keywords, Description);

    /// <summary>The search text of these parts (also built from stored fields, without a document, by the index).</summary>
    internal static string ComposeSearchText(string title, IReadOnlyList<string> keywords, string description) =>
        keywords.Count == 0
            ? string.Concat(title, "\n", description)
            : string.Concat(title, "\n", string.Join(' ', keywords), "\n", description);

    /// <summary>Whether a caller of <paramref name="tenant"/> may see this document.</summary>
    /// <param name="tenant">The caller's tenant.</param>
    /// <returns><see langword="true"/> when the document is public or owned by the tenant.</returns>
    public bool IsVisibleTo(string tenant) =>
        Visibility == Visibility.Public || string.Equals(Tenant, tenant, StringComparison.Ordinal);

    /// <summary>Returns the kind and id.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Kind} {Id}: {Title}";
}
