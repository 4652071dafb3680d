namespace Quanzhou.Matching.Indexing;

/// <summary>Lucene field names. Searchable text lives in two analysed fields over title + keywords + description
/// (one combined field measured far better than per-field BM25 with boosts: titles and keywords are sparse and short).</summary>
internal static class IndexFields
{
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Tenant = "tenant";
    public const string Visibility = "vis";
    public const string Industry = "ind";
    public const string Region = "region";
    public const string Trl = "trl";

    /// <summary>The document's embedding (binary doc values: int8-quantised, see <see cref="Embeddings.VectorCodec"/>).</summary>
    public const string Vector = "vec";

    /// <summary>SmartCn words with the domain lexicon (analysed, not stored).</summary>
    public const string Words = "w";

    /// <summary>CJK bigrams (analysed, not stored).</summary>
    public const string Bigrams = "b";

    /// <summary>The word and bigram tokens as <see cref="TokenOffsets"/> into the normalised search text, stored for feature extraction without re-analysis.</summary>
    public const string StoredTokenOffsets = "_t";

    /// <summary>The word tokens, space-joined, as indexes written before 2026-12-06 store them (read only).</summary>
    public const string StoredWords = "_w";

    /// <summary>The bigram tokens, space-joined, as indexes written before 2026-11-26 store them (read only).</summary>
    public const string StoredBigrams = "_b";

    /// <summary>The bigram tokens in <see cref="StoredTokens"/> form, as indexes written before 2026-12-06 store them (read only).</summary>
    public const string StoredBigramsCompact = "_b2";

    public const string Title = "title";
    /// <summary>The description as plain text, as indexes written before 2026-12-06 store it (read only).</summary>
    public const string Description = "desc";

    /// <summary>The description, <see cref="StoredText"/>-compressed; absent when empty.</summary>
    public const string DescriptionCompressed = "descz";
    public const string Keywords = "kw";
    public const string Organization = "org";
    public const string MoneyMin = "mmin";
    public const string MoneyMax = "mmax";
    public const string Cooperation = "coop";
    public const string Challenge = "chal";
    public const string CreatedAt = "created";
    public const string UpdatedAt = "updated";
    public const string Attributes = "attrs";

    /// <summary>An expert's own achievement ids (indexed, so experts can be found by achievement).</summary>
    public const string ExpertAchievements = "expach";

    public const string Skills = "skills";
    public const string ServiceChain = "chain";

    public static string KindValue(DocumentKind kind) => kind switch
    {
        DocumentKind.Need => "need",
        DocumentKind.Achievement => "achievement",
        DocumentKind.Expert => "expert",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document kind."),
    };

    public static string VisibilityValue(Visibility visibility) => visibility switch
    {
        Matching.Visibility.Public => "public",
        Matching.Visibility.Tenant => "tenant",
        Matching.Visibility.Confidential => "confidential",
        _ => throw new ArgumentOutOfRangeException(nameof(visibility), visibility, "Unknown visibility."),
    };
}
