using System.Text.Json.Serialization;

namespace Quanzhou.Matching;

/// <summary>Source-generated JSON metadata for the types the library stores.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class MatchingJsonContext : JsonSerializerContext
{
}
