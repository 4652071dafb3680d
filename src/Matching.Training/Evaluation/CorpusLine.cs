using System.Text.Json;

namespace Quanzhou.Matching.Evaluation;

/// <summary>Parses and validates one <c>corpus.jsonl</c> line; every failure is a <see cref="FormatException"/> whose message is the reason.</summary>
internal static class CorpusLine
{
    private static readonly string[] AttributeFields = ["discipline", "category"];

    public static TechAchievement Parse(string line)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"invalid JSON: {ex.Message}", ex);
        }

        using (json)
        {
            var e = json.RootElement;
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"expected a JSON object, found {Describe(e.ValueKind)}");
            }

            var id = String(e, "id") ?? String(e, "doc_id") ?? throw new FormatException("no id: the string field 'id' is missing");
            var title = String(e, "title") ?? string.Empty;
            var description = String(e, "abstract") ?? String(e, "text") ?? String(e, "description") ?? string.Empty;
            var keywords = Keywords(e);
            var attributes = new Dictionary<string, string>();
            foreach (var name in AttributeFields)
            {
                if (String(e, name) is { Length: > 0 } value)
                {
                    attributes[name] = value;
                }
            }

            try
            {
                return new TechAchievement(id, title) { Description = description, Keywords = keywords, Attributes = attributes };
            }
            catch (ArgumentException ex)
            {
                // Without ArgumentException's " (Parameter '…')" suffix: the message already names the field.
                throw new FormatException(ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message, ex);
            }
        }
    }

    /// <summary>A string field; absent or <c>null</c> gives <see langword="null"/>, any other JSON type is an error (not silently empty).</summary>
    private static string? String(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FormatException($"'{name}' is {Describe(v.ValueKind)}; expected a string");
    }

    private static string[] Keywords(JsonElement e)
    {
        if (!e.TryGetProperty("keywords", out var k) || k.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (k.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'keywords' is {Describe(k.ValueKind)}; expected an array of strings");
        }

        var result = new string[k.GetArrayLength()];
        var i = 0;
        foreach (var item in k.EnumerateArray())
        {
            result[i] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new FormatException($"'keywords[{i}]' is {Describe(item.ValueKind)}; expected a string");
            i++;
        }

        return result;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
