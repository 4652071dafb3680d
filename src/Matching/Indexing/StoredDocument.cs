using System.Globalization;
using Lucene.Net.Documents;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// A retrieved document's stored fields, read through typed accessors so that only <c>Indexing/</c> knows the field
/// layout (<see cref="IndexFields"/>). The full <see cref="MatchDocument"/> is mapped once, when first asked for (the
/// ranking features need only the token streams and a few fields; the page needs the document for its top results).
/// </summary>
/// <remarks>One query's object: not shared between threads.</remarks>
internal sealed class StoredDocument
{
    private readonly Document _fields;
    private MatchDocument? _document;

    public StoredDocument(Document fields) => _fields = fields;

    /// <summary>The stored Lucene fields as read (for <c>Indexing/</c> and tests; stages use the typed accessors).</summary>
    public Document Raw => _fields;

    /// <summary>The document id.</summary>
    public string Id => _fields.Get(IndexFields.Id);

    /// <summary>The title as stored.</summary>
    public string Title => _fields.Get(IndexFields.Title) ?? string.Empty;

    /// <summary>Whether the document is an expert profile.</summary>
    public bool IsExpert => _fields.Get(IndexFields.Kind) == IndexFields.KindValue(DocumentKind.Expert);

    /// <summary>The industry tags (lower-case, as indexed).</summary>
    public string[] IndustryTags => _fields.GetValues(IndexFields.Industry);

    /// <summary>The keywords as given.</summary>
    public string[] Keywords => _fields.GetValues(IndexFields.Keywords);

    /// <summary>The region, or <see langword="null"/>.</summary>
    public string? Region => _fields.Get(IndexFields.Region);

    /// <summary>The maturity level (TRL 1–9), or <see langword="null"/>.</summary>
    public int? Trl => _fields.GetField(IndexFields.Trl)?.GetInt32Value();

    /// <summary>The budget or price range, or <see langword="null"/> when neither end is stated.</summary>
    public MoneyRange? Money
    {
        get
        {
            var min = _fields.Get(IndexFields.MoneyMin);
            var max = _fields.Get(IndexFields.MoneyMax);
            return min is null && max is null
                ? null
                : new MoneyRange(
                    min is null ? null : decimal.Parse(min, CultureInfo.InvariantCulture),
                    max is null ? null : decimal.Parse(max, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>An expert's own achievement ids (empty for other kinds).</summary>
    public string[] ExpertAchievementIds => IsExpert ? _fields.GetValues(IndexFields.ExpertAchievements) : [];

    /// <summary>The analysed word tokens, space-joined (empty when none).</summary>
    public string JoinedWords => _fields.Get(IndexFields.StoredWords) ?? string.Empty;

    /// <summary>The analysed word tokens, as slices of the stored string.</summary>
    public StoredTokens.Tokens WordTokens => StoredTokens.SpaceSeparated(_fields.Get(IndexFields.StoredWords));

    /// <summary>The bigram tokens (the compact form, or the space-joined one of indexes written before it).</summary>
    public StoredTokens.Tokens BigramTokens =>
        _fields.Get(IndexFields.StoredBigramsCompact) is { } compact
            ? StoredTokens.DecodeBigrams(compact)
            : StoredTokens.SpaceSeparated(_fields.Get(IndexFields.StoredBigrams));

    /// <summary>The document, mapped from the stored fields on first use.</summary>
    public MatchDocument Document => _document ??= DocumentMapper.FromLucene(_fields);
}
