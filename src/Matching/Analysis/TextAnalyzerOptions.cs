namespace Quanzhou.Matching.Analysis;

/// <summary>Options for <see cref="SmartCnTextAnalyzer"/>.</summary>
public sealed class TextAnalyzerOptions
{
    /// <summary>The domain lexicon; defaults to <see cref="DomainLexicon.Default"/>.</summary>
    public DomainLexicon Lexicon { get; set; } = DomainLexicon.Default;

    /// <summary>The stopwords; defaults to <see cref="StopWords.Default"/>.</summary>
    public StopWords StopWords { get; set; } = StopWords.Default;

    /// <summary>The normaliser; defaults to <see cref="ChineseTextNormalizer.Default"/>.</summary>
    public ChineseTextNormalizer Normalizer { get; set; } = ChineseTextNormalizer.Default;
}
