using System.Globalization;
using System.Text.Json;

namespace Quanzhou.Matching.Serialization;

/// <summary>
/// Reads documents from JSON lines (one object per line), the format of the bundled demo corpus:
/// <c>kind</c> (need | achievement | expert), <c>id</c>, <c>title</c>, <c>description</c>, <c>keywords</c>, <c>industries</c>,
/// <c>region</c>, <c>organization</c>, <c>maturity</c> (TRL1–9 or 实验室/小试/中试/产业化), <c>priceMin</c>/<c>priceMax</c> or
/// <c>budgetMin</c>/<c>budgetMax</c> (yuan), <c>cooperationModes</c> (转让 …), <c>tenant</c>, <c>visibility</c>,
/// <c>createdAt</c>, <c>updatedAt</c>, <c>challenge</c> (needs: a public challenge, 揭榜挂帅), <c>attributes</c> (string values),
/// and for experts <c>achievementIds</c> (their own achievements' ids), <c>skills</c> and <c>serviceChain</c> (the county
/// industry chain a 科技特派员 serves; <c>attributes.serviceChain</c> is read when the property is absent).
/// </summary>
/// <remarks>A bad line becomes a record with an <see cref="JsonDocumentRecord.Error"/> naming the line; reading goes on.</remarks>
public static class MatchDocumentJson
{
    /// <summary>Reads records from a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The records, lazily.</returns>
    public static IEnumerable<JsonDocumentRecord> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        foreach (var record in Read(reader))
        {
            yield return record;
        }
    }

    /// <summary>Reads records from a reader; blank lines are skipped.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The records, lazily.</returns>
    public static IEnumerable<JsonDocumentRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(line, lineNumber);
        }
    }

    /// <summary>Parses one JSON object into a document.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="lineNumber">The line number for error messages.</param>
    /// <returns>The record.</returns>
    public static JsonDocumentRecord Parse(string json, int lineNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return new JsonDocumentRecord(lineNumber, ToDocument(doc.RootElement), null);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            return new JsonDocumentRecord(lineNumber, null, $"line {lineNumber}: {ex.Message}");
        }
    }

    private static MatchDocument ToDocument(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a JSON object is expected (需要JSON对象)");
        }

        var id = Str(e, "id") ?? throw new FormatException("'id' is missing (缺少id)");
        var title = Str(e, "title") ?? throw new FormatException($"'title' is missing for '{id}' (缺少标题)");
        var kind = Str(e, "kind") ?? "achievement";
        var maturity = Str(e, "maturity") is { } m ? Maturity.Parse(m) : (Maturity?)null;
        var modes = Strings(e, "cooperationModes").Aggregate(CooperationModes.None, (acc, s) => acc | CooperationModeNames.Parse(s));
        var visibility = (Str(e, "visibility") ?? "public").ToLowerInvariant() switch
        {
            "public" => Visibility.Public,
            "tenant" => Visibility.Tenant,
            "confidential" => Visibility.Confidential,
            var v => throw new FormatException($"unknown visibility '{v}' (未知可见性)"),
        };
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty("attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in attrs.EnumerateObject())
            {
                attributes[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        var description = Str(e, "description") ?? Str(e, "abstract") ?? string.Empty;
        var keywords = Strings(e, "keywords");
        var industries = Strings(e, "industries");
        var region = Str(e, "region");
        var organization = Str(e, "organization");
        var tenant = Str(e, "tenant") ?? MatchDocument.DefaultTenant;
        var created = Date(e, "createdAt");
        var updated = Date(e, "updatedAt");
        return kind switch
        {
            "need" => new TechNeed(id, title)
            {
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization,
                Maturity = maturity, CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated,
                Attributes = attributes, Budget = Money(e, "budgetMin", "budgetMax"), IsChallenge = e.TryGetProperty("challenge", out var c) && c.ValueKind == JsonValueKind.True,
            },
            "achievement" => new TechAchievement(id, title)
            {
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization,
                Maturity = maturity, CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated,
                Attributes = attributes, Price = Money(e, "priceMin", "priceMax"),
            },
            "expert" => new ExpertProfile(id, title)
            {
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization,
                Maturity = maturity, CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated,
                Attributes = attributes, AchievementIds = Strings(e, "achievementIds"), Skills = Strings(e, "skills"),
                ServiceChain = Str(e, "serviceChain") ?? attributes.GetValueOrDefault("serviceChain"),
            },
            _ => throw new FormatException($"unknown kind '{kind}'; use need, achievement or expert (未知类型)"),
        };
    }

    private static string? Str(JsonElement e, string name) => JsonFields.String(e, name, allowNumber: true);

    private static string[] Strings(JsonElement e, string name) => JsonFields.Strings(e, name);

    private static MoneyRange? Money(JsonElement e, string minName, string maxName)
    {
        var min = Number(e, minName);
        var max = Number(e, maxName);
        return min is null && max is null ? null : new MoneyRange(min, max);
    }

    private static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : decimal.Parse(v.GetString() ?? string.Empty, CultureInfo.InvariantCulture)
            : null;

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        Str(e, name) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : null;
}
