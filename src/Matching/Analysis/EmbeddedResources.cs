using System.Reflection;

namespace Quanzhou.Matching.Analysis;

/// <summary>Reads the data files shipped inside the assembly (lexicon, stopwords, t2s table, model).</summary>
internal static class EmbeddedResources
{
    public static Stream Open(string logicalName) =>
        typeof(EmbeddedResources).Assembly.GetManifestResourceStream(logicalName)
        ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing from {typeof(EmbeddedResources).Assembly.GetName().Name}; the package is damaged.");

    public static bool Exists(string logicalName) =>
        typeof(EmbeddedResources).Assembly.GetManifestResourceInfo(logicalName) is not null;

    /// <summary>Reads non-empty, non-comment lines (<c>#</c> starts a comment line).</summary>
    public static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                yield return trimmed;
            }
        }
    }

    public static IEnumerable<string> ReadLines(string logicalName)
    {
        using var reader = new StreamReader(Open(logicalName));
        foreach (var line in ReadLines(reader))
        {
            yield return line;
        }
    }

    internal static Assembly Assembly => typeof(EmbeddedResources).Assembly;
}
