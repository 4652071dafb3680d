using System.Globalization;
using System.Text;
using System.Text.Json;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Subscriptions;

/// <summary>
/// One subscription per JSON line: <c>id</c>, <c>kind</c> (need | interest), <c>tenant</c>, <c>owner</c>, <c>threshold</c>,
/// <c>targetKinds</c>, <c>industries</c>, <c>region</c>, <c>createdAt</c>, and <c>text</c> (interest) or <c>need</c>
/// (a need object in the <see cref="MatchDocumentJson"/> format).
/// </summary>
internal static class SubscriptionJson
{
    public static string Write(Subscription s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("kind", s.Kind == SubscriptionKind.SavedNeed ? "need" : "interest");
            w.WriteString("tenant", s.Tenant);
            w.WriteString("owner", s.Owner);
            w.WriteNumber("threshold", s.Threshold);
            WriteArray(w, "targetKinds", s.TargetKinds.Select(KindName));
            WriteArray(w, "industries", s.IndustryTags);
            if (s.Region is not null)
            {
                w.WriteString("region", s.Region);
            }

            if (s.CreatedAt is { } created)
            {
                w.WriteString("createdAt", created.ToString("o", CultureInfo.InvariantCulture));
            }

            if (s.Need is { } need)
            {
                w.WritePropertyName("need");
                WriteNeed(w, need);
            }
            else
            {
                w.WriteString("text", s.Text);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static bool TryParse(string line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Subscription? subscription, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        subscription = null;
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            subscription = Parse(doc.RootElement);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            error = ex.Message;
            return false;
        }
    }

    private static Subscription Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a JSON object is expected (需要JSON对象)");
        }

        var id = Str(e, "id") ?? throw new FormatException("'id' is missing (缺少id)");
        var owner = Str(e, "owner") ?? throw new FormatException($"'owner' is missing for '{id}' (缺少订阅人)");
        var kind = Str(e, "kind") ?? throw new FormatException($"'kind' is missing for '{id}'; use need or interest (缺少类型)");
        var threshold = e.TryGetProperty("threshold", out var t) && t.ValueKind != JsonValueKind.Null
            ? t.ValueKind == JsonValueKind.Number ? t.GetDouble() : throw new FormatException("'threshold' must be a number")
            : Subscription.DefaultThreshold;
        var industries = Strings(e, "industries");
        var region = Str(e, "region");
        var created = Str(e, "createdAt") is { } c ? DateTimeOffset.Parse(c, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : (DateTimeOffset?)null;
        var kindsText = Strings(e, "targetKinds");
        switch (kind)
        {
            case "need":
                if (!e.TryGetProperty("need", out var needElement) || needElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"'need' object is missing for saved need '{id}' (缺少需求)");
                }

                var record = MatchDocumentJson.Parse(needElement.GetRawText());
                var need = record.Document as TechNeed
                    ?? throw new FormatException(record.Error is { } err ? $"'need': {err}" : "'need' must have kind \"need\"");
                var saved = new Subscription(id, owner, need) { Threshold = threshold, IndustryTags = industries, Region = region, CreatedAt = created };
                return kindsText.Length == 0 ? saved : new Subscription(id, owner, need)
                {
                    Threshold = threshold, IndustryTags = industries, Region = region, CreatedAt = created, TargetKinds = kindsText.Select(ParseKind).ToArray(),
                };
            case "interest":
                var tenant = Str(e, "tenant") ?? throw new FormatException($"'tenant' is missing for '{id}' (缺少租户)");
                var text = Str(e, "text") ?? throw new FormatException($"'text' is missing for interest '{id}' (缺少关注内容)");
                var interest = new Subscription(id, tenant, owner, text) { Threshold = threshold, IndustryTags = industries, Region = region, CreatedAt = created };
                return kindsText.Length == 0 ? interest : new Subscription(id, tenant, owner, text)
                {
                    Threshold = threshold, IndustryTags = industries, Region = region, CreatedAt = created, TargetKinds = kindsText.Select(ParseKind).ToArray(),
                };
            default:
                throw new FormatException($"unknown kind '{kind}'; use need or interest (未知订阅类型)");
        }
    }

    private static void WriteNeed(Utf8JsonWriter w, TechNeed n)
    {
        w.WriteStartObject();
        w.WriteString("kind", "need");
        w.WriteString("id", n.Id);
        w.WriteString("title", n.Title);
        w.WriteString("description", n.Description);
        WriteArray(w, "keywords", n.Keywords);
        WriteArray(w, "industries", n.IndustryTags);
        if (n.Region is not null)
        {
            w.WriteString("region", n.Region);
        }

        if (n.Organization is not null)
        {
            w.WriteString("organization", n.Organization);
        }

        if (n.Maturity is { } m)
        {
            w.WriteString("maturity", "TRL" + m.Level.ToString(CultureInfo.InvariantCulture));
        }

        if (n.Budget?.Min is { } min)
        {
            w.WriteNumber("budgetMin", min);
        }

        if (n.Budget?.Max is { } max)
        {
            w.WriteNumber("budgetMax", max);
        }

        WriteArray(w, "cooperationModes", CooperationModeNames.ToChinese(n.CooperationModes));
        w.WriteString("tenant", n.Tenant);
        w.WriteString("visibility", n.Visibility.ToString().ToLowerInvariant());
        if (n.CreatedAt is { } created)
        {
            w.WriteString("createdAt", created.ToString("o", CultureInfo.InvariantCulture));
        }

        if (n.UpdatedAt is { } updated)
        {
            w.WriteString("updatedAt", updated.ToString("o", CultureInfo.InvariantCulture));
        }

        if (n.IsChallenge)
        {
            w.WriteBoolean("challenge", true);
        }

        if (n.Attributes.Count > 0)
        {
            w.WriteStartObject("attributes");
            foreach (var (key, value) in n.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string KindName(DocumentKind kind) => kind switch
    {
        DocumentKind.Need => "need",
        DocumentKind.Achievement => "achievement",
        _ => "expert",
    };

    private static DocumentKind ParseKind(string name) => name switch
    {
        "need" => DocumentKind.Need,
        "achievement" => DocumentKind.Achievement,
        "expert" => DocumentKind.Expert,
        _ => throw new FormatException($"unknown target kind '{name}'; use need, achievement or expert (未知目标类型)"),
    };

    private static string? Str(JsonElement e, string name) => JsonFields.String(e, name);

    private static string[] Strings(JsonElement e, string name) => JsonFields.Strings(e, name);
}
