using System.Text.Json;

namespace Quanzhou.Matching.Serialization;

/// <summary>Typed reads of optional JSON properties with <see cref="FormatException"/>s that name the property (shared by the JSON-lines readers).</summary>
internal static class JsonFields
{
    /// <summary>A string property, <see langword="null"/> when absent or null; numbers are accepted as their text when <paramref name="allowNumber"/>.</summary>
    public static string? String(JsonElement e, string name, bool allowNumber = false) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number when allowNumber => v.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new FormatException($"'{name}' must be a string"),
        } : null;

    /// <summary>An array-of-strings property, empty when absent or null.</summary>
    public static string[] Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new FormatException($"'{name}' must hold strings")).ToArray()
            : throw new FormatException($"'{name}' must be an array of strings");
    }
}
