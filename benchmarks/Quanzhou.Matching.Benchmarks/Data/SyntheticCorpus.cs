using System.Globalization;
using System.Text;

namespace Quanzhou.Matching.Benchmarks.Data;

/// <summary>
/// A deterministic synthetic corpus made by recombining sentences, titles and keywords of real records of the same
/// discipline — the algorithm of the Java peer's <c>synth</c> command, draw for draw, so that
/// <c>synth CORPUS OUT N 42</c> there and <see cref="Generate"/> here give the same documents (and, like there, the
/// first N documents do not depend on how many are generated in all).
/// </summary>
internal sealed class SyntheticCorpus
{
    private readonly Dictionary<string, Pool> _pools;
    private readonly List<Shape> _shapes;

    private SyntheticCorpus(Dictionary<string, Pool> pools, List<Shape> shapes)
    {
        _pools = pools;
        _shapes = shapes;
    }

    public int SourceDocuments => _shapes.Count;

    public static SyntheticCorpus From(IEnumerable<CorpusRecord> records)
    {
        var pools = new Dictionary<string, Pool>(StringComparer.Ordinal);
        var shapes = new List<Shape>();
        foreach (var r in records)
        {
            var group = r.Discipline.Length == 0 ? "(none)" : r.Discipline;
            if (!pools.TryGetValue(group, out var pool))
            {
                pools[group] = pool = new Pool();
            }

            var sentences = Sentences(r.Abstract);
            pool.Sentences.AddRange(sentences);
            if (r.Title.Length > 0)
            {
                pool.Titles.Add(r.Title);
            }

            pool.Keywords.AddRange(r.Keywords);
            if (sentences.Count > 0)
            {
                shapes.Add(new Shape(group, r.Discipline, r.Category, sentences.Count, r.Keywords.Count, r.Title.Length > 0));
            }
        }

        return shapes.Count == 0
            ? throw new InvalidOperationException("The corpus has no abstracts to recombine (没有可重组的摘要).")
            : new SyntheticCorpus(pools, shapes);
    }

    public IEnumerable<CorpusRecord> Generate(long count, long seed)
    {
        var random = new JavaRandom(seed);
        var width = Math.Max(7, count.ToString(CultureInfo.InvariantCulture).Length);
        var idFormat = "syn{0:D" + width.ToString(CultureInfo.InvariantCulture) + "}";
        var text = new StringBuilder(1024);
        for (long i = 0; i < count; i++)
        {
            var shape = _shapes[random.NextInt(_shapes.Count)];
            var pool = _pools[shape.Group];
            text.Clear();
            for (var s = 0; s < shape.Sentences; s++)
            {
                text.Append(pool.Sentences[random.NextInt(pool.Sentences.Count)]);
            }

            var title = shape.HasTitle && pool.Titles.Count > 0 ? pool.Titles[random.NextInt(pool.Titles.Count)] : string.Empty;
            var keywords = new List<string>(shape.Keywords);
            if (pool.Keywords.Count > 0)
            {
                for (var k = 0; k < shape.Keywords; k++)
                {
                    var keyword = pool.Keywords[random.NextInt(pool.Keywords.Count)];
                    if (!keywords.Contains(keyword))
                    {
                        keywords.Add(keyword);
                    }
                }
            }

            yield return new CorpusRecord(string.Format(CultureInfo.InvariantCulture, idFormat, i), title, keywords, text.ToString(), shape.Discipline, shape.Category);
        }
    }

    /// <summary>
    /// Splits an abstract into sentences, each keeping its terminator: 。；！？;!? and '.' unless it sits between two
    /// ASCII letters or digits (3.5 stays whole; most abstracts of the evaluation corpus use '.' as the full stop).
    /// </summary>
    public static List<string> Sentences(string text)
    {
        var result = new List<string>();
        int start = 0, n = text.Length;
        for (var i = 0; i < n; i++)
        {
            var c = text[i];
            var end = c is '。' or '；' or '！' or '？' or ';' or '!' or '?';
            if (c == '.')
            {
                var previous = i > 0 && char.IsAsciiLetterOrDigit(text[i - 1]);
                var next = i + 1 < n && char.IsAsciiLetterOrDigit(text[i + 1]);
                end = !(previous && next);
            }

            if (end)
            {
                var sentence = JavaText.Strip(text[start..(i + 1)]);
                if (sentence.Length > 1)
                {
                    result.Add(sentence);
                }

                start = i + 1;
            }
        }

        var tail = JavaText.Strip(text[start..]);
        if (tail.Length > 1)
        {
            result.Add(tail);
        }

        return result;
    }

    private sealed class Pool
    {
        public List<string> Sentences { get; } = [];

        public List<string> Titles { get; } = [];

        public List<string> Keywords { get; } = [];
    }

    private sealed record Shape(string Group, string Discipline, string Category, int Sentences, int Keywords, bool HasTitle);
}
