using Quanzhou.Matching;

namespace WebPortal;

/// <summary>The body of POST /needs and POST /achievements (a subset of the document fields).</summary>
internal sealed record DocumentInput(
    string? Id,
    string Title,
    string? Description,
    string[]? Keywords,
    string[]? IndustryTags,
    string? Region,
    string? Organization,
    string? Maturity,
    decimal? MoneyMin,
    decimal? MoneyMax,
    string[]? CooperationModes,
    string? Tenant,
    string? Visibility = null)
{
    /// <summary>Builds the document; invalid values throw <see cref="ArgumentException"/> naming the field.</summary>
    public MatchDocument ToDocument(DocumentKind kind)
    {
        var id = string.IsNullOrWhiteSpace(Id) ? $"{(kind == DocumentKind.Need ? "need" : "ach")}-{Guid.NewGuid():N}" : Id;
        var money = MoneyMin is null && MoneyMax is null ? null : new MoneyRange(MoneyMin, MoneyMax);
        var maturity = Maturity is { Length: > 0 } m ? Quanzhou.Matching.Maturity.Parse(m) : (Maturity?)null;
        var visibility = Visibility is not { Length: > 0 } v ? Quanzhou.Matching.Visibility.Public
            : Enum.TryParse<Visibility>(v, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new ArgumentException($"Unknown visibility '{v}'; use Public, Tenant or Confidential (可见性无效).", "visibility");
        var modes = (CooperationModes ?? []).Aggregate(Quanzhou.Matching.CooperationModes.None, (all, name) => all | CooperationModeNames.Parse(name));
        return kind == DocumentKind.Need
            ? new TechNeed(id, Title)
            {
                Description = Description ?? string.Empty, Keywords = Keywords ?? [], IndustryTags = IndustryTags ?? [], Region = Region,
                Organization = Organization, Maturity = maturity, Budget = money, CooperationModes = modes, Tenant = Tenant ?? MatchDocument.DefaultTenant, Visibility = visibility,
            }
            : new TechAchievement(id, Title)
            {
                Description = Description ?? string.Empty, Keywords = Keywords ?? [], IndustryTags = IndustryTags ?? [], Region = Region,
                Organization = Organization, Maturity = maturity, Price = money, CooperationModes = modes, Tenant = Tenant ?? MatchDocument.DefaultTenant, Visibility = visibility,
            };
    }
}

/// <summary>The body of POST /match: free text typed on the page.</summary>
internal sealed record TextMatchInput(string Text, DocumentKind[]? Kinds, int? Top, string[]? IndustryTags, string? Tenant);

/// <summary>The body of POST /feedback.</summary>
internal sealed record FeedbackInput(string QueryId, string DocumentId, FeedbackKind Kind);
