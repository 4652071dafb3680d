namespace Quanzhou.Matching;

/// <summary>Normalises and tokenises Chinese (and mixed) text identically at index and query time.</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ITextAnalyzer
{
    /// <summary>Normalises text: width/NFKC folding, control, zero-width and unpaired-surrogate removal, markup stripping, traditional → simplified, lower-case Latin.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The normalised text.</returns>
    string Normalize(string text);

    /// <summary>Analyses text into tokens (after <see cref="Normalize"/>).</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="mode">Words (SmartCn with the domain lexicon) or CJK bigrams.</param>
    /// <returns>The tokens in text order.</returns>
    IReadOnlyList<AnalyzedToken> Analyze(string text, TextAnalysisMode mode = TextAnalysisMode.Words);
}

/// <summary>Which analysis <see cref="ITextAnalyzer.Analyze"/> runs.</summary>
public enum TextAnalysisMode
{
    /// <summary>SmartCn words, domain lexicon terms kept whole, stopwords removed.</summary>
    Words = 0,

    /// <summary>Overlapping CJK character bigrams (Latin and digits as words).</summary>
    Bigrams = 1,
}

/// <summary>One token.</summary>
/// <param name="Term">The token text.</param>
/// <param name="StartOffset">Start offset in the normalised text.</param>
/// <param name="EndOffset">End offset (exclusive) in the normalised text.</param>
public readonly record struct AnalyzedToken(string Term, int StartOffset, int EndOffset);
