namespace Quanzhou.Matching;

/// <summary>An expert profile (专家 / 科技特派员): research directions, skills, own achievements and service record.</summary>
/// <remarks>
/// <see cref="MatchDocument.Title"/> holds the expert's name; <see cref="MatchDocument.Description"/> the research directions.
/// <see cref="AchievementIds"/> link the expert to their own achievements (成果) in the same index: need → expert matching
/// uses how well those achievements match a need as evidence for the expert.
/// </remarks>
public sealed class ExpertProfile : MatchDocument
{
    private readonly IReadOnlyList<string> _achievementIds = [];
    private readonly IReadOnlyList<string> _skills = [];
    private readonly string? _serviceChain;

    /// <summary>Creates an expert profile.</summary>
    /// <param name="id">The expert id; see <see cref="MatchDocument(string, string)"/> for the rules.</param>
    /// <param name="name">The expert's name.</param>
    public ExpertProfile(string id, string name)
        : base(id, name)
    {
    }

    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.Expert;

    /// <summary>The expert's name (same as <see cref="MatchDocument.Title"/>).</summary>
    public string Name => Title;

    /// <summary>
    /// Ids of the expert's own achievements (成果: papers, patents, listings) indexed as <see cref="TechAchievement"/>s.
    /// Each must be a valid document id; duplicates are dropped; at most <see cref="MatchDocument.MaxListCount"/>.
    /// </summary>
    /// <remarks>Ids that are missing from the index or not visible to a caller are ignored when matching.</remarks>
    public IReadOnlyList<string> AchievementIds
    {
        get => _achievementIds;
        init
        {
            var ids = (value ?? []).Select(v => DocumentValidation.ValidateId(v?.Trim(), nameof(AchievementIds))).Distinct(StringComparer.Ordinal).ToArray();
            _achievementIds = ids.Length > MaxListCount
                ? throw new ArgumentException($"{nameof(AchievementIds)} has {ids.Length} entries; at most {MaxListCount} are allowed.", nameof(AchievementIds))
                : ids;
        }
    }

    /// <summary>Skills (专长), e.g. <c>超临界发泡</c>; searched with the profile. Blank entries are dropped. Portals that already put skills in <see cref="MatchDocument.Keywords"/> need not repeat them.</summary>
    public IReadOnlyList<string> Skills
    {
        get => _skills;
        init => _skills = DocumentValidation.ValidateList(value, 200, nameof(Skills));
    }

    /// <summary>The county industry chain a science and technology commissioner (科技特派员) serves, e.g. <c>晋江鞋服产业链</c>; searched with the profile. Blank means none.</summary>
    public string? ServiceChain
    {
        get => _serviceChain;
        init => _serviceChain = string.IsNullOrWhiteSpace(value) ? null : DocumentValidation.ValidateText(value.Trim(), MaxTitleLength, nameof(ServiceChain));
    }

    /// <summary>The text that is searched: name, keywords and research directions, then the skills not already among the keywords and the service chain.</summary>
    /// <returns>The searchable text.</returns>
    public override string GetSearchText() => ComposeSearchText(base.GetSearchText(), Keywords, Skills, ServiceChain);

    /// <summary>An expert's search text from the common part and its own (also built from stored fields by the index).</summary>
    internal static string ComposeSearchText(string common, IReadOnlyList<string> keywords, IEnumerable<string> skills, string? serviceChain)
    {
        var text = common;
        var extra = skills.Where(s => !keywords.Contains(s, StringComparer.Ordinal)).ToArray();
        if (extra.Length > 0)
        {
            text = string.Concat(text, "\n", string.Join(' ', extra));
        }

        return serviceChain is null ? text : string.Concat(text, "\n", serviceChain);
    }
}
