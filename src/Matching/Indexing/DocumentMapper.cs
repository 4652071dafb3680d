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

    /// <summary>
    /// The two analysed text fields: indexed with term frequencies but without positions (nothing queries positions:
    /// retrieval is BM25 over terms, proximity features use the stored token stream), which saves the .pos files and
    /// their indexing time.
    /// </summary>
    private static readonly FieldType AnalyzedTextType = CreateAnalyzedTextType();

    public static AnalyzedDocument Analyze(MatchDocument document, SmartCnTextAnalyzer analyzer)
    {
        var normalized = analyzer.Normalize(document.GetSearchText());
        if (normalized.Length > MaxAnalyzedChars)
        {
            normalized = normalized[..MaxAnalyzedChars]; // documented: the rest is stored and returned, not searched
        }

        return new AnalyzedDocument(document, normalized, analyzer.AnalyzeWordsNormalized(normalized), analyzer.AnalyzeBigramsNormalized(normalized));
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
            new StoredField(IndexFields.StoredWords, Join(analyzed.Words)),
            new StoredField(IndexFields.StoredBigramsCompact, CompactBigrams.Encode(analyzed.Bigrams.ConvertAll(t => t.Term))),
            new StoredField(IndexFields.Title, d.Title),
            new StoredField(IndexFields.Description, d.Description),
            new StoredField(IndexFields.Cooperation, (int)d.CooperationModes),
        };
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

    public static MatchDocument FromLucene(Document doc)
    {
        var id = doc.Get(IndexFields.Id);
        var title = doc.Get(IndexFields.Title);
        var kind = doc.Get(IndexFields.Kind);
        var min = ParseDecimal(doc.Get(IndexFields.MoneyMin));
        var max = ParseDecimal(doc.Get(IndexFields.MoneyMax));
        var money = min is null && max is null ? null : new MoneyRange(min, max);
        var description = doc.Get(IndexFields.Description) ?? string.Empty;
        var keywords = doc.GetValues(IndexFields.Keywords);
        var industries = doc.GetValues(IndexFields.Industry);
        var region = doc.Get(IndexFields.Region);
        var organization = doc.Get(IndexFields.Organization);
        Maturity? maturity = doc.GetField(IndexFields.Trl)?.GetInt32Value() is { } trl ? Maturity.FromTrl(trl) : null;
        var cooperation = (CooperationModes)(doc.GetField(IndexFields.Cooperation)?.GetInt32Value() ?? 0);
        var tenant = doc.Get(IndexFields.Tenant);
        var visibility = doc.Get(IndexFields.Visibility) switch { "tenant" => Visibility.Tenant, "confidential" => Visibility.Confidential, _ => Visibility.Public };
        var created = ParseDate(doc.Get(IndexFields.CreatedAt));
        var updated = ParseDate(doc.Get(IndexFields.UpdatedAt));
        IReadOnlyDictionary<string, string> attributes = doc.Get(IndexFields.Attributes) is { } json
            ? JsonSerializer.Deserialize(json, MatchingJsonContext.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>()
            : new Dictionary<string, string>();

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
            "expert" => new ExpertProfile(id, title)
            {
                AchievementIds = doc.GetValues(IndexFields.ExpertAchievements), Skills = doc.GetValues(IndexFields.Skills), ServiceChain = doc.Get(IndexFields.ServiceChain),
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization, Maturity = maturity,
                CooperationModes = cooperation, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated, Attributes = attributes,
            },
            _ => throw new IndexCorruptedException($"Stored document '{id}' has unknown kind '{kind}'."),
        };
    }

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

    private static string Join(List<AnalyzedToken> tokens) => string.Join(' ', tokens.Select(t => t.Term));

    private static decimal? ParseDecimal(string? s) =>
        s is null ? null : decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseDate(string? s) =>
        s is null ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
