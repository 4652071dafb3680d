using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Retrieval;

/// <summary>A query's analysed text: word and bigram tokens, in order and de-duplicated (each term counts once).</summary>
internal sealed class QueryTerms
{
    /// <summary>Only this much normalised query text is analysed (a need is a few hundred characters; this bounds hostile input).</summary>
    public const int MaxQueryChars = 20_000;

    /// <summary>Need-phrasing words dropped from queries (针对, 问题, 提高 …); see <c>need-phrasing.txt</c>.</summary>
    private static readonly HashSet<string> NeedPhrasing = [.. EmbeddedResources.ReadLines("Quanzhou.Matching.Analysis.need-phrasing.txt")];

    private QueryTerms(string normalized, List<AnalyzedToken> words, List<AnalyzedToken> bigrams)
    {
        NormalizedText = normalized;
        WordSequence = words.Select(t => t.Term).Where(t => !NeedPhrasing.Contains(t)).ToArray();
        BigramSequence = bigrams.Select(t => t.Term).Where(t => !NeedPhrasing.Contains(t)).ToArray();
        Words = WordSequence.Distinct(StringComparer.Ordinal).ToArray();
        Bigrams = BigramSequence.Distinct(StringComparer.Ordinal).ToArray();
    }

    public string NormalizedText { get; }

    public string[] WordSequence { get; }

    public string[] BigramSequence { get; }

    public string[] Words { get; }

    public string[] Bigrams { get; }

    public bool IsEmpty => Words.Length == 0 && Bigrams.Length == 0;

    public static QueryTerms Create(string rawText, SmartCnTextAnalyzer analyzer)
    {
        var normalized = analyzer.Normalize(rawText);
        if (normalized.Length > MaxQueryChars)
        {
            normalized = normalized[..MaxQueryChars];
        }

        return new QueryTerms(normalized, analyzer.AnalyzeWordsNormalized(normalized), analyzer.AnalyzeBigramsNormalized(normalized));
    }
}
