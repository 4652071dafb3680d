using System.Globalization;
using System.Text;
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
    /// <summary>Reads records from a UTF-8 file (a byte order mark is allowed); blank lines are skipped.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The records, lazily.</returns>
    /// <remarks>
    /// Decoding is strict: a line that is not valid UTF-8 (a GBK export, say) becomes a record with an
    /// <see cref="JsonDocumentRecord.Error"/> naming the line, instead of text with U+FFFD in it. Lines end at
    /// CR, LF or CR LF, as <see cref="TextReader.ReadLine"/> counts them.
    /// </remarks>
    public static IEnumerable<JsonDocumentRecord> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        foreach (var (lineNumber, bytes) in Utf8LineReader.ReadLines(stream))
        {
            if (Decode(bytes, out var line) is { } badByte)
            {
                yield return new JsonDocumentRecord(lineNumber, null, $"line {lineNumber}: {InvalidUtf8Message(badByte)}");
                continue;
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line, lineNumber);
            }
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
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
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
        var attributes = JsonFields.StringMap(e, "attributes");

        var description = Str(e, "description") ?? Str(e, "abstract") ?? string.Empty;
        var keywords = Strings(e, "keywords");
        var industries = Strings(e, "industries");
        var region = Str(e, "region");
        var organization = Str(e, "organization");
        var tenant = Str(e, "tenant") ?? MatchDocument.DefaultTenant;
        var created = Date(e, "createdAt");
        var updated = Date(e, "updatedAt");

        // Every known field's type is checked whatever the kind, so a mistyped field is never dropped quietly.
        var budget = Money(e, "budgetMin", "budgetMax");
        var price = Money(e, "priceMin", "priceMax");
        var challenge = JsonFields.Boolean(e, "challenge") ?? false;
        var achievementIds = Strings(e, "achievementIds");
        var skills = Strings(e, "skills");
        var serviceChain = Str(e, "serviceChain");
        return kind switch
        {
            "need" => new TechNeed(id, title)
            {
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization,
                Maturity = maturity, CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated,
                Attributes = attributes, Budget = budget, IsChallenge = challenge,
            },
            "achievement" => new TechAchievement(id, title)
            {
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization,
                Maturity = maturity, CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated,
                Attributes = attributes, Price = price,
            },
            "expert" => new ExpertProfile(id, title)
            {
                Description = description, Keywords = keywords, IndustryTags = industries, Region = region, Organization = organization,
                Maturity = maturity, CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated,
                Attributes = attributes, AchievementIds = achievementIds, Skills = skills,
                ServiceChain = serviceChain ?? attributes.GetValueOrDefault("serviceChain"),
            },
            _ => throw new FormatException($"unknown kind '{kind}'; use need, achievement or expert (未知类型)"),
        };
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a line strictly; returns the 0-based index of the first invalid byte, or <see langword="null"/>.</summary>
    private static int? Decode(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return null;
        }
        catch (DecoderFallbackException ex)
        {
            text = string.Empty;
            return Math.Max(0, ex.Index);
        }
    }

    private static string InvalidUtf8Message(int byteIndex) =>
        $"not valid UTF-8 at byte {byteIndex + 1} of the line; save the file as UTF-8 (非UTF-8编码，请以UTF-8保存)";

    private static string? Str(JsonElement e, string name) => JsonFields.String(e, name);

    private static string[] Strings(JsonElement e, string name) => JsonFields.Strings(e, name);

    private static MoneyRange? Money(JsonElement e, string minName, string maxName)
    {
        var min = Number(e, minName);
        var max = Number(e, maxName);
        return min is null && max is null ? null : new MoneyRange(min, max);
    }

    private static decimal? Number(JsonElement e, string name) => JsonFields.Number(e, name);

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        Str(e, name) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : null;
}
