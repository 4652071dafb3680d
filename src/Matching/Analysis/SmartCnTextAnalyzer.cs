using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Quanzhou.Matching.Analysis;

/// <summary>
/// The library's text analysis: <see cref="ChineseTextNormalizer"/>, then either SmartCn words — with
/// <see cref="DomainLexicon"/> terms and numbers with units (35mpa, 5g) kept whole and <see cref="StopWords"/>
/// removed — or overlapping CJK character bigrams (the recall safety net).
/// </summary>
/// <remarks>Thread-safe; share one instance. The first call loads SmartCn's dictionaries (a few hundred ms): call <see cref="Warmup"/> at start-up.</remarks>
public sealed partial class SmartCnTextAnalyzer : ITextAnalyzer, IDisposable
{
    private static readonly Lazy<SmartCnTextAnalyzer> DefaultInstance = new(() => new SmartCnTextAnalyzer());

    private readonly SmartChineseAnalyzer _smartCn = new(LuceneVersion.LUCENE_48, useDefaultStopWords: true);
    private readonly CJKAnalyzer _cjk = new(LuceneVersion.LUCENE_48, CharArraySet.Empty);
    private readonly DomainLexicon _lexicon;
    private readonly StopWords _stopWords;
    private readonly ChineseTextNormalizer _normalizer;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">Lexicon, stopwords and normaliser; <see langword="null"/> for the shipped defaults.</param>
    public SmartCnTextAnalyzer(TextAnalyzerOptions? options = null)
    {
        options ??= new TextAnalyzerOptions();
        _lexicon = options.Lexicon ?? throw new ArgumentException("Lexicon cannot be null.", nameof(options));
        _stopWords = options.StopWords ?? throw new ArgumentException("StopWords cannot be null.", nameof(options));
        _normalizer = options.Normalizer ?? throw new ArgumentException("Normalizer cannot be null.", nameof(options));
    }

    /// <summary>A shared analyzer with the shipped lexicon and stopwords.</summary>
    public static SmartCnTextAnalyzer Default => DefaultInstance.Value;

    /// <summary>The domain lexicon in use.</summary>
    public DomainLexicon Lexicon => _lexicon;

    /// <summary>The stopwords in use.</summary>
    public StopWords StopWords => _stopWords;

    /// <inheritdoc />
    public string Normalize(string text) => _normalizer.Normalize(text);

    /// <inheritdoc />
    public IReadOnlyList<AnalyzedToken> Analyze(string text, TextAnalysisMode mode = TextAnalysisMode.Words)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = _normalizer.Normalize(text);
        return mode switch
        {
            TextAnalysisMode.Words => AnalyzeWordsNormalized(normalized),
            TextAnalysisMode.Bigrams => AnalyzeBigramsNormalized(normalized),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown analysis mode."),
        };
    }

    /// <summary>Loads SmartCn's dictionaries now rather than on the first real call.</summary>
    public void Warmup() => _ = AnalyzeWordsNormalized("泉州鞋服企业寻求石墨烯导热膜技术");

    /// <inheritdoc />
    public void Dispose()
    {
        _smartCn.Dispose();
        _cjk.Dispose();
    }

    /// <summary>Word tokens of already normalised text.</summary>
    internal List<AnalyzedToken> AnalyzeWordsNormalized(string normalized)
    {
        var result = new List<AnalyzedToken>(normalized.Length / 2 + 1);
        if (normalized.Length == 0)
        {
            return result;
        }

        // Whole-token overrides: lexicon terms first, then numbers with units where no lexicon term is.
        var lexiconMatches = new List<(int Start, int End)>();
        _lexicon.FindMatches(normalized, lexiconMatches); // ascending and non-overlapping
        var overrides = new List<(int Start, int End)>(lexiconMatches);
        var j = 0;
        foreach (Match m in NumberWithUnit().Matches(normalized))
        {
            while (j < lexiconMatches.Count && lexiconMatches[j].End <= m.Index)
            {
                j++;
            }

            if (j == lexiconMatches.Count || lexiconMatches[j].Start >= m.Index + m.Length)
            {
                overrides.Add((m.Index, m.Index + m.Length));
            }
        }

        overrides.Sort();
        var next = 0; // next override to emit
        using (var stream = _smartCn.GetTokenStream("w", new StringReader(normalized)))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                int start = offset.StartOffset, end = offset.EndOffset;
                while (next < overrides.Count && overrides[next].Start <= start)
                {
                    Add(result, normalized.Substring(overrides[next].Start, overrides[next].End - overrides[next].Start), overrides[next].Start, overrides[next].End);
                    next++;
                }

                if (next > 0 && overrides[next - 1].Start <= start && end <= overrides[next - 1].End)
                {
                    continue; // inside a whole-token override
                }

                Add(result, term.ToString(), start, end);
            }

            stream.End();
        }

        for (; next < overrides.Count; next++)
        {
            Add(result, normalized.Substring(overrides[next].Start, overrides[next].End - overrides[next].Start), overrides[next].Start, overrides[next].End);
        }

        return result;
    }

    /// <summary>CJK bigram tokens of already normalised text.</summary>
    internal List<AnalyzedToken> AnalyzeBigramsNormalized(string normalized)
    {
        var result = new List<AnalyzedToken>(normalized.Length);
        if (normalized.Length == 0)
        {
            return result;
        }

        using var stream = _cjk.GetTokenStream("b", new StringReader(normalized));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add(new AnalyzedToken(term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return result;
    }

    private void Add(List<AnalyzedToken> result, string term, int start, int end)
    {
        if (term.Length == 0 || _stopWords.Contains(term) || !term.Any(char.IsLetterOrDigit))
        {
            return;
        }

        result.Add(new AnalyzedToken(term, start, end));
    }

    // 35mpa, 5g, 0.12mm, 90%, 3d — SmartCn would split the number from its unit.
    [GeneratedRegex(@"(?<![a-z0-9.])\d+(?:\.\d+)?(?:[a-z]{1,6}|%)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithUnit();
}
