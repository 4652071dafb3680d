namespace Quanzhou.Matching.DependencyInjection;

/// <summary>Options of <c>services.AddQuanzhouMatching(...)</c>, bound from the <c>QuanzhouMatching</c> configuration section.</summary>
/// <example>
/// <code>
/// "QuanzhouMatching": {
///   "DefaultIndex": "portal",
///   "Indexes": { "portal": { "Path": "data/index", "Ranker": "learned" } }
/// }
/// </code>
/// </example>
public sealed class QuanzhouMatchingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "QuanzhouMatching";

    /// <summary>The index used when no name is given. Default <c>default</c>.</summary>
    public string DefaultIndex { get; set; } = "default";

    /// <summary>Named indexes. When empty, an in-memory index named <see cref="DefaultIndex"/> is used.</summary>
    public Dictionary<string, MatchIndexSettings> Indexes { get; } = new(StringComparer.OrdinalIgnoreCase);
}
