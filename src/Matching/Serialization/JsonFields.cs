using System.Text.Json;

namespace Quanzhou.Matching.Serialization;

/// <summary>
/// Typed reads of optional JSON properties with <see cref="FormatException"/>s that name the property and the type found
/// (shared by the JSON-lines readers). A value of the wrong JSON type is refused, never converted: <c>"id": 5</c> is an
/// error, not the id "5", and <c>"priceMin": "100"</c> is an error, not the number 100.
/// </summary>
internal static class JsonFields
{
    /// <summary>A string property, <see langword="null"/> when absent or null.</summary>
    public static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => throw WrongType(name, "a string", "应为字符串", v),
        } : null;

    /// <summary>An array-of-strings property, empty when absent or null.</summary>
    public static string[] Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw WrongType($"{name}[]", "a string", "列表项应为字符串", x)).ToArray()
            : throw WrongType(name, "an array of strings", "应为字符串数组", v);
    }

    /// <summary>A number property, <see langword="null"/> when absent or null.</summary>
    public static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetDecimal(out var d) ? d : throw new FormatException($"'{name}' is out of range (数值超出范围)"),
            JsonValueKind.Null => null,
            _ => throw WrongType(name, "a number", "应为数字", v),
        } : null;

    /// <summary>A boolean property, <see langword="null"/> when absent or null.</summary>
    public static bool? Boolean(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw WrongType(name, "true or false", "应为布尔值", v),
        } : null;

    /// <summary>An object-of-strings property, empty when absent or null.</summary>
    public static Dictionary<string, string> StringMap(JsonElement e, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(name, "an object with string values", "应为字符串值的对象", v);
        }

        foreach (var p in v.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String
                ? p.Value.GetString()!
                : throw WrongType($"{name}.{p.Name}", "a string", "应为字符串", p.Value);
        }

        return map;
    }

    private static FormatException WrongType(string name, string expected, string expectedChinese, JsonElement found) =>
        new($"'{name}' must be {expected}, not {KindName(found)} ({expectedChinese})");

    private static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };
}
