namespace Quanzhou.Matching;

/// <summary>
/// What to match: an indexed document by id, an unsaved document (e.g. a draft need), or free text.
/// Every request carries the caller's tenant: documents of other tenants that are not public are never returned.
/// </summary>
public sealed class MatchRequest
{
    private MatchRequest(string tenant, DocumentKind sourceKind, string? documentId, MatchDocument? document, string? text)
    {
        Tenant = DocumentValidation.ValidateId(tenant, nameof(tenant));
        SourceKind = sourceKind;
        DocumentId = documentId;
        Document = document;
        Text = text;
    }

    /// <summary>The caller's tenant scope.</summary>
    public string Tenant { get; }

    /// <summary>The kind of the query side (a need, an achievement or an expert); decides the default target kinds.</summary>
    public DocumentKind SourceKind { get; }

    /// <summary>The id of an indexed document to match from, when the request was made with <see cref="ForId"/>.</summary>
    public string? DocumentId { get; }

    /// <summary>The unsaved document to match from, when the request was made with <see cref="ForDocument"/>.</summary>
    public MatchDocument? Document { get; }

    /// <summary>The free text to match from, when the request was made with <see cref="ForText"/>.</summary>
    public string? Text { get; }

    /// <summary>The kinds searched when <see cref="MatchOptions.Kinds"/> is not set: a need finds achievements and experts; an achievement or expert finds needs.</summary>
    public IReadOnlyList<DocumentKind> DefaultTargetKinds => TargetKindsFor(SourceKind);

    /// <summary>The kinds a document of <paramref name="sourceKind"/> is matched against by default.</summary>
    /// <param name="sourceKind">The query side's kind.</param>
    /// <returns>Achievements and experts for a need; needs for an achievement or expert.</returns>
    public static IReadOnlyList<DocumentKind> TargetKindsFor(DocumentKind sourceKind) => sourceKind == DocumentKind.Need
        ? [DocumentKind.Achievement, DocumentKind.Expert]
        : [DocumentKind.Need];

    /// <summary>Matches from a document already in the index; the stored document's kind decides the default target kinds.</summary>
    /// <param name="id">The document id.</param>
    /// <param name="tenant">The caller's tenant.</param>
    /// <returns>The request.</returns>
    public static MatchRequest ForId(string id, string tenant = MatchDocument.DefaultTenant) =>
        new(tenant, DocumentKind.Need, DocumentValidation.ValidateId(id, nameof(id)), null, null);

    /// <summary>Matches from a document that need not be indexed (e.g. a need being drafted).</summary>
    /// <param name="document">The document.</param>
    /// <param name="tenant">The caller's tenant; defaults to the document's tenant.</param>
    /// <returns>The request.</returns>
    public static MatchRequest ForDocument(MatchDocument document, string? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(tenant ?? document.Tenant, document.Kind, null, document, null);
    }

    /// <summary>Matches from free text, read as a <paramref name="sourceKind"/> (a need by default).</summary>
    /// <param name="text">The text; user text is analysed, never parsed as query syntax.</param>
    /// <param name="tenant">The caller's tenant.</param>
    /// <param name="sourceKind">What the text describes.</param>
    /// <returns>The request.</returns>
    public static MatchRequest ForText(string text, string tenant = MatchDocument.DefaultTenant, DocumentKind sourceKind = DocumentKind.Need)
    {
        ArgumentNullException.ThrowIfNull(text);
        DocumentValidation.ValidateText(text, MatchDocument.MaxDescriptionLength, nameof(text));
        return new(tenant, sourceKind, null, null, text);
    }
}
