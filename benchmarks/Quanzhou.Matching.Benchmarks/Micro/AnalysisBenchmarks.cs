using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Benchmarks.Data;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// Text normalisation and analysis of the searchable text of <see cref="Docs"/> documents. Baseline: a plain Lucene.Net
/// <see cref="SmartChineseAnalyzer"/> over the raw text. Chars/s is the searchable characters per second.
/// </summary>
[Config(typeof(CharsPerSecondConfig))]
public class AnalysisBenchmarks : IDisposable
{
    private readonly SmartChineseAnalyzer _raw = new(LuceneVersion.LUCENE_48);
    private SmartCnTextAnalyzer _analyzer = null!;
    private MatchDocument[] _documents = [];
    private string[] _texts = [];
    private string[] _normalized = [];

    [Params(200, 2000)]
    public int Docs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _analyzer = SmartCnTextAnalyzer.Default;
        _analyzer.Warmup();
        _documents = BenchmarkData.Records(Docs).Select(r => r.ToMatchDocument()).ToArray();
        _texts = _documents.Select(d => d.GetSearchText()).ToArray();
        _normalized = _texts.Select(_analyzer.Normalize).ToArray();
    }

    [Benchmark(Baseline = true, Description = "raw SmartChineseAnalyzer")]
    public int RawSmartCn()
    {
        var tokens = 0;
        foreach (var text in _texts)
        {
            using var stream = _raw.GetTokenStream("f", new StringReader(text));
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                tokens += term.Length > 0 ? 1 : 0;
            }

            stream.End();
        }

        return tokens;
    }

    [Benchmark(Description = "Normalize")]
    public int Normalize()
    {
        var chars = 0;
        foreach (var text in _texts)
        {
            chars += _analyzer.Normalize(text).Length;
        }

        return chars;
    }

    [Benchmark(Description = "words (normalised input)")]
    public int Words()
    {
        var tokens = 0;
        foreach (var text in _normalized)
        {
            tokens += _analyzer.AnalyzeWordsNormalized(text).Count;
        }

        return tokens;
    }

    [Benchmark(Description = "bigrams (normalised input)")]
    public int Bigrams()
    {
        var tokens = 0;
        foreach (var text in _normalized)
        {
            tokens += _analyzer.AnalyzeBigramsNormalized(text).Count;
        }

        return tokens;
    }

    [Benchmark(Description = "document: normalise + words + bigrams")]
    public int Document()
    {
        var tokens = 0;
        foreach (var d in _documents)
        {
            var a = DocumentMapper.Analyze(d, _analyzer);
            tokens += a.Words.Count + a.Bigrams.Count;
        }

        return tokens;
    }

    public void Dispose()
    {
        _raw.Dispose();
        GC.SuppressFinalize(this);
    }
}
