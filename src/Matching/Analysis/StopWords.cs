namespace Quanzhou.Matching.Analysis;

/// <summary>
/// Words dropped by word analysis: Chinese function words and listing boilerplate (本成果, 本项目, 我单位 …). The shipped
/// list was pruned against document frequency on the evaluation corpus; hosts can pass their own.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StopWords
{
    private readonly HashSet<string> _words;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private StopWords(HashSet<string> words)
    {
        _words = words;
        _lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The shipped list.</summary>
    public static StopWords Default { get; } = FromWords(EmbeddedResources.ReadLines("Quanzhou.Matching.Analysis.stopwords.txt"));

    /// <summary>No stopwords.</summary>
    public static StopWords None { get; } = new([]);

    /// <summary>How many words the list holds.</summary>
    public int Count => _words.Count;

    /// <summary>Creates a list from words (normalised like text).</summary>
    /// <param name="words">The words.</param>
    /// <returns>The list.</returns>
    public static StopWords FromWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return new StopWords(
            [.. words.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => ChineseTextNormalizer.Default.Normalize(w).Trim())]);
    }

    /// <summary>Whether <paramref name="word"/> (normalised) is a stopword.</summary>
    /// <param name="word">The word.</param>
    /// <returns><see langword="true"/> when it is dropped.</returns>
    public bool Contains(string word) => word is not null && _words.Contains(word);

    internal bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);
}
