using System.Globalization;
using System.Text.Json;
using Lucene.Net.Documents;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Indexing;

/// <summary>Maps documents to Lucene documents and back. The stored fields round-trip every property of a document.</summary>
internal static class DocumentMapper
{
    /// <summary>Only this many normalised characters of a document are analysed and searchable (an abstract or listing is far shorter; this bounds hostile input). The full text is stored.</summary>
    public const int MaxAnalyzedChars = 100_000;

    /// <summary>The field of a document's vector: <see cref="Embeddings.VectorCodec"/> bytes as binary doc values.</summary>
    public static Field VectorField(float[] vector) =>
        new BinaryDocValuesField(IndexFields.Vector, new Lucene.Net.Util.BytesRef(Embeddings.VectorCodec.Encode(vector)));

    /// <summary>A segment's stored vectors and which documents have one; <see langword="null"/>s when the segment has none.</summary>
    public static (Lucene.Net.Index.BinaryDocValues? Values, Lucene.Net.Util.IBits? Present) VectorValues(Lucene.Net.Index.AtomicReader reader) =>
        (reader.GetBinaryDocValues(IndexFields.Vector), reader.GetDocsWithField(IndexFields.Vector));

    /// <summary>
    /// The two analysed text fields: indexed with term frequencies but without positions (nothing queries positions:
    /// retrieval is BM25 over terms, proximity features use the stored token stream), which saves the .pos files and
    /// their indexing time.
    /// </summary>
    private static readonly FieldType AnalyzedTextType = CreateAnalyzedTextType();

    /// <summary>Marks the steps where the failing field is the <see cref="ArgumentException.ParamName"/> of a model type's validation.</summary>
    private const string FromParamName = "(parameter)";

    public static AnalyzedDocument Analyze(MatchDocument document, SmartCnTextAnalyzer analyzer)
    {
        var normalized = NormalizedSearchText(document.GetSearchText(), analyzer);
        return new AnalyzedDocument(document, normalized, analyzer.AnalyzeWordsNormalized(normalized), analyzer.AnalyzeBigramsNormalized(normalized));
    }

    /// <summary>The text that is analysed: the normalised search text, cut at <see cref="MaxAnalyzedChars"/>.</summary>
    public static string NormalizedSearchText(string searchText, SmartCnTextAnalyzer analyzer)
    {
        var normalized = analyzer.Normalize(searchText);
        return normalized.Length > MaxAnalyzedChars
            ? normalized[..MaxAnalyzedChars] // documented: the rest is stored and returned, not searched
            : normalized;
    }

    public static Document ToLucene(AnalyzedDocument analyzed)
    {
        var d = analyzed.Document;
        var doc = new Document
        {
            new StringField(IndexFields.Id, d.Id, Field.Store.YES),
            new StringField(IndexFields.Kind, IndexFields.KindValue(d.Kind), Field.Store.YES),
            new StringField(IndexFields.Tenant, d.Tenant, Field.Store.YES),
            new StringField(IndexFields.Visibility, IndexFields.VisibilityValue(d.Visibility), Field.Store.YES),
            new Field(IndexFields.Words, new TokenListStream(analyzed.Words, analyzed.NormalizedText.Length), AnalyzedTextType),
            new Field(IndexFields.Bigrams, new TokenListStream(analyzed.Bigrams, analyzed.NormalizedText.Length), AnalyzedTextType),
            new StoredField(IndexFields.StoredTokenOffsets, TokenOffsets.Encode(d.GetSearchText(), analyzed.Words, analyzed.Bigrams)),
            new StoredField(IndexFields.Title, d.Title),
            new StoredField(IndexFields.Cooperation, (int)d.CooperationModes),
        };
        if (d.Description.Length > 0)
        {
            doc.Add(new StoredField(IndexFields.DescriptionCompressed, StoredText.Compress(d.Description)));
        }

        foreach (var keyword in d.Keywords)
        {
            doc.Add(new StoredField(IndexFields.Keywords, keyword));
        }

        foreach (var tag in d.IndustryTags)
        {
            doc.Add(new StringField(IndexFields.Industry, tag, Field.Store.YES));
        }

        if (d.Region is not null)
        {
            doc.Add(new StringField(IndexFields.Region, d.Region, Field.Store.YES));
        }

        if (d.Maturity is { } maturity)
        {
            doc.Add(new Int32Field(IndexFields.Trl, maturity.Level, Field.Store.YES));
        }

        if (d.Organization is not null)
        {
            doc.Add(new StoredField(IndexFields.Organization, d.Organization));
        }

        var money = d switch
        {
            TechNeed n => n.Budget,
            TechAchievement a => a.Price,
            _ => null,
        };
        if (money?.Min is { } min)
        {
            doc.Add(new StoredField(IndexFields.MoneyMin, min.ToString(CultureInfo.InvariantCulture)));
        }

        if (money?.Max is { } max)
        {
            doc.Add(new StoredField(IndexFields.MoneyMax, max.ToString(CultureInfo.InvariantCulture)));
        }

        if (d is TechNeed { IsChallenge: true })
        {
            doc.Add(new StoredField(IndexFields.Challenge, 1));
        }

        if (d is ExpertProfile expert)
        {
            foreach (var achievementId in expert.AchievementIds)
            {
                doc.Add(new StringField(IndexFields.ExpertAchievements, achievementId, Field.Store.YES));
            }

            foreach (var skill in expert.Skills)
            {
                doc.Add(new StoredField(IndexFields.Skills, skill));
            }

            if (expert.ServiceChain is not null)
            {
                doc.Add(new StoredField(IndexFields.ServiceChain, expert.ServiceChain));
            }
        }

        if (d.CreatedAt is { } created)
        {
            doc.Add(new StoredField(IndexFields.CreatedAt, created.ToString("o", CultureInfo.InvariantCulture)));
        }

        if (d.UpdatedAt is { } updated)
        {
            doc.Add(new StoredField(IndexFields.UpdatedAt, updated.ToString("o", CultureInfo.InvariantCulture)));
        }

        if (d.Attributes.Count > 0)
        {
            doc.Add(new StoredField(IndexFields.Attributes, JsonSerializer.Serialize(d.Attributes, MatchingJsonContext.Default.IReadOnlyDictionaryStringString)));
        }

        return doc;
    }

    /// <summary>
    /// Maps a stored Lucene document back to a document. Never throws anything but <see cref="IndexCorruptedException"/>
    /// (operation <c>read</c>, naming the id and the field, with the original failure as the inner exception) on a stored
    /// value it cannot read: a missing required field, a parse failure or a value the document model refuses.
    /// </summary>
    public static MatchDocument FromLucene(Document doc)
    {
        var id = doc.Get(IndexFields.Id);
        var field = IndexFields.Id;
        try
        {
            _ = id ?? throw new FormatException("the id is missing (缺少标识)");
            field = IndexFields.Title;
            var title = doc.Get(IndexFields.Title) ?? throw new FormatException("the title is missing (缺少标题)");
            field = IndexFields.Kind;
            var kind = doc.Get(IndexFields.Kind);
            if (kind is not ("need" or "achievement" or "expert"))
            {
                throw new FormatException($"unknown kind '{kind}' (未知类型)");
            }

            field = IndexFields.MoneyMin;
            var min = ParseDecimal(doc.Get(IndexFields.MoneyMin));
            field = IndexFields.MoneyMax;
            var max = ParseDecimal(doc.Get(IndexFields.MoneyMax));
            field = FromParamName; // MoneyRange names the bound it refuses
            var money = min is null && max is null ? null : new MoneyRange(min, max);
            field = IndexFields.Trl;
            Maturity? maturity = ReadInt32(doc, IndexFields.Trl) is { } trl ? Maturity.FromTrl(trl) : null;
            field = IndexFields.Cooperation;
            var cooperation = (CooperationModes)(ReadInt32(doc, IndexFields.Cooperation) ?? 0);
            field = IndexFields.Tenant;
            var tenant = doc.Get(IndexFields.Tenant) ?? throw new FormatException("the tenant is missing (缺少租户)");
            field = IndexFields.Visibility;
            var visibility = doc.Get(IndexFields.Visibility) switch
            {
                "public" => Visibility.Public,
                "tenant" => Visibility.Tenant,
                "confidential" => Visibility.Confidential,
                var v => throw new FormatException($"unknown visibility '{v}' (未知可见性)"), // never guess Public for a value we cannot read
            };
            field = IndexFields.CreatedAt;
            var created = ParseDate(doc.Get(IndexFields.CreatedAt));
            field = IndexFields.UpdatedAt;
            var updated = ParseDate(doc.Get(IndexFields.UpdatedAt));
            field = IndexFields.Attributes;
            IReadOnlyDictionary<string, string> attributes = doc.Get(IndexFields.Attributes) is { } json
                ? JsonSerializer.Deserialize(json, MatchingJsonContext.Default.IReadOnlyDictionaryStringString) ?? throw new FormatException("the attributes are JSON null")
                : new Dictionary<string, string>();

            field = IndexFields.DescriptionCompressed;
            var description = ReadDescription(doc);

            // The remaining fields are checked by the document's own validation: its ArgumentException names the property.
            field = FromParamName;
            return Create(doc, kind, id, title, description, money, maturity, cooperation, tenant, visibility, created, updated, attributes);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or JsonException or InvalidCastException or InvalidOperationException or NotSupportedException)
        {
            if (field == FromParamName)
            {
                field = ex is ArgumentException { ParamName: { } paramName } ? FieldOf(paramName) : "document";
            }

            throw new IndexCorruptedException(
                $"Stored document '{id ?? "(no id)"}' has an unreadable field '{field}' (存储字段无法读取): {ex.Message} Rebuild the index from the source documents.",
                "read",
                null,
                ex);
        }
    }

    private static MatchDocument Create(
        Document doc, string kind, string id, string title, string description, MoneyRange? money, Maturity? maturity, CooperationModes cooperation,
        string tenant, Visibility visibility, DateTimeOffset? created, DateTimeOffset? updated, IReadOnlyDictionary<string, string> attributes)
    {
        var keywords = doc.GetValues(IndexFields.Keywords);
        var industries = doc.GetValues(IndexFields.Industry);
        var region = doc.Get(IndexFields.Region);
        var organization = doc.Get(IndexFields.Organization);

        // Init-only properties: each kind is constructed once with the same common initialisers.
        return kind switch
        {
            "need" => new TechNeed(id, title)
            {
                Budget = money, IsChallenge = doc.GetField(IndexFields.Challenge) is not null,
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization, Maturity = maturity,
                CooperationModes = cooperation, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated, Attributes = attributes,
            },
            "achievement" => new TechAchievement(id, title)
            {
                Price = money,
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization, Maturity = maturity,
                CooperationModes = cooperation, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated, Attributes = attributes,
            },
            _ => new ExpertProfile(id, title)
            {
                AchievementIds = doc.GetValues(IndexFields.ExpertAchievements), Skills = doc.GetValues(IndexFields.Skills), ServiceChain = doc.Get(IndexFields.ServiceChain),
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization, Maturity = maturity,
                CooperationModes = cooperation, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated, Attributes = attributes,
            },
        };
    }

    /// <summary>
    /// The document's <see cref="MatchDocument.GetSearchText"/> from its stored fields without mapping the document (the
    /// text the stored token offsets point into), composed by the same code. <paramref name="description"/> is the
    /// decoded description.
    /// </summary>
    public static string SearchText(Document doc, string description)
    {
        var keywords = doc.GetValues(IndexFields.Keywords);
        var text = MatchDocument.ComposeSearchText(doc.Get(IndexFields.Title) ?? string.Empty, keywords, description);
        return doc.Get(IndexFields.Kind) == IndexFields.KindValue(DocumentKind.Expert)
            ? ExpertProfile.ComposeSearchText(text, keywords, doc.GetValues(IndexFields.Skills), doc.Get(IndexFields.ServiceChain))
            : text;
    }

    /// <summary>The description: compressed, or plain in indexes written before compression, or empty when neither is stored.</summary>
    public static string ReadDescription(Document doc)
    {
        if (doc.GetField(IndexFields.DescriptionCompressed) is not { } compressed)
        {
            return doc.Get(IndexFields.Description) ?? string.Empty;
        }

        var bytes = compressed.GetBinaryValue() ?? throw new FormatException($"'{IndexFields.DescriptionCompressed}' is not stored as bytes (存储类型错误)");
        return StoredText.Decompress(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
    }

    /// <summary>The stored field a document property comes from, for error messages.</summary>
    private static string FieldOf(string paramName) => paramName switch
    {
        "id" => IndexFields.Id,
        "title" => IndexFields.Title,
        "min" => IndexFields.MoneyMin,
        "max" => IndexFields.MoneyMax,
        nameof(MatchDocument.Description) => IndexFields.Description,
        nameof(MatchDocument.Keywords) => IndexFields.Keywords,
        nameof(MatchDocument.IndustryTags) => IndexFields.Industry,
        nameof(MatchDocument.Region) => IndexFields.Region,
        nameof(MatchDocument.Organization) => IndexFields.Organization,
        nameof(MatchDocument.Tenant) => IndexFields.Tenant,
        nameof(MatchDocument.Attributes) => IndexFields.Attributes,
        nameof(MatchDocument.CooperationModes) => IndexFields.Cooperation,
        nameof(ExpertProfile.AchievementIds) => IndexFields.ExpertAchievements,
        nameof(ExpertProfile.Skills) => IndexFields.Skills,
        nameof(ExpertProfile.ServiceChain) => IndexFields.ServiceChain,
        _ => paramName,
    };

    /// <summary>A stored 32-bit integer, <see langword="null"/> when the field is absent; a field of another type is corrupt.</summary>
    private static int? ReadInt32(Document doc, string name) =>
        doc.GetField(name) is not { } f ? null
        : f.GetInt32Value() ?? throw new FormatException($"'{name}' is stored as '{f.GetStringValue()}', not as a 32-bit integer (存储类型错误)");

    private static FieldType CreateAnalyzedTextType()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = false,
            IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_AND_FREQS,
        };
        type.Freeze();
        return type;
    }

    private static decimal? ParseDecimal(string? s) =>
        s is null ? null : decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseDate(string? s) =>
        s is null ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
