using System.Globalization;
using Lucene.Net.Documents;
using Quanzhou.Matching.Analysis;

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
    private readonly SmartCnTextAnalyzer _analyzer;
    private MatchDocument? _document;
    private (string Words, string Bigrams)? _tokens;

    /// <summary>Wraps the stored fields of a hit.</summary>
    /// <param name="fields">The stored fields as read.</param>
    /// <param name="analyzer">The index's analyzer: it re-analyses a document whose search text is not the one its stored tokens point into.</param>
    public StoredDocument(Document fields, SmartCnTextAnalyzer? analyzer = null)
    {
        _fields = fields;
        _analyzer = analyzer ?? SmartCnTextAnalyzer.Default;
    }

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
    public string JoinedWords => HasTokenOffsets ? Tokens.Words : _fields.Get(IndexFields.StoredWords) ?? string.Empty;

    /// <summary>The analysed word tokens, as slices of the space-joined string.</summary>
    public StoredTokens.Tokens WordTokens => StoredTokens.SpaceSeparated(JoinedWords);

    /// <summary>The bigram tokens (decoded from the token offsets, or the compact or space-joined form of older indexes).</summary>
    public StoredTokens.Tokens BigramTokens =>
        HasTokenOffsets ? StoredTokens.SpaceSeparated(Tokens.Bigrams)
        : _fields.Get(IndexFields.StoredBigramsCompact) is { } compact ? StoredTokens.DecodeBigrams(compact)
        : StoredTokens.SpaceSeparated(_fields.Get(IndexFields.StoredBigrams));

    /// <summary>Whether the tokens were re-analysed because the search text is not the one they were stored against (for tests).</summary>
    internal bool Reanalysed { get; private set; }

    private bool HasTokenOffsets => _tokens is not null || _fields.GetField(IndexFields.StoredTokenOffsets) is not null;

    /// <summary>The word and bigram tokens, space-joined, decoded once from <see cref="IndexFields.StoredTokenOffsets"/>.</summary>
    private (string Words, string Bigrams) Tokens => _tokens ??= DecodeTokens();

    /// <summary>The document, mapped from the stored fields on first use.</summary>
    public MatchDocument Document => _document ??= DocumentMapper.FromLucene(_fields);

    private (string Words, string Bigrams) DecodeTokens()
    {
        string text;
        (string Words, string Bigrams)? decoded;
        var field = IndexFields.DescriptionCompressed;
        try
        {
            text = _document?.GetSearchText() ?? DocumentMapper.SearchText(_fields, DocumentMapper.ReadDescription(_fields));
            field = IndexFields.StoredTokenOffsets;
            var bytes = _fields.GetField(IndexFields.StoredTokenOffsets)!.GetBinaryValue()
                ?? throw new FormatException("the stored tokens are not binary (存储类型错误)");
            decoded = TokenOffsets.Decode(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length), text);
        }
        catch (FormatException ex)
        {
            throw new IndexCorruptedException(
                $"Stored document '{Id}' has an unreadable field '{field}' (存储字段无法读取): {ex.Message} Rebuild the index from the source documents.",
                "read",
                null,
                ex);
        }

        if (decoded is { } d)
        {
            return d;
        }

        // The search text is not the one the tokens were stored against (its composition changed): re-analysed, never misread.
        Reanalysed = true;
        var normalized = DocumentMapper.NormalizedSearchText(text, _analyzer);
        return (string.Join(' ', _analyzer.AnalyzeWordsNormalized(normalized).Select(t => t.Term)),
                string.Join(' ', _analyzer.AnalyzeBigramsNormalized(normalized).Select(t => t.Term)));
    }
}
