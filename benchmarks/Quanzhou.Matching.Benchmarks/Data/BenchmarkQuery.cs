namespace Quanzhou.Matching.Benchmarks.Data;

/// <summary>A query: an id, its type (problem, title, keywords; need for demo needs) and its text.</summary>
internal sealed record BenchmarkQuery(string Id, string Type, string Text)
{
    /// <summary>
    /// Reads <c>qid&lt;TAB&gt;type&lt;TAB&gt;text</c> lines as the Java peer does (blank and <c>#</c> lines and a
    /// <c>qid</c> header skipped, fields stripped), or the needs of a demo JSONL file (title + keywords + description).
    /// </summary>
    public static List<BenchmarkQuery> ReadFile(string path)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return CorpusReader.Read(path)
                .Select(r => r.ToMatchDocument())
                .Where(d => d.Kind == DocumentKind.Need)
                .Select(d => new BenchmarkQuery(d.Id, "need", d.GetSearchText()))
                .ToList();
        }

        var result = new List<BenchmarkQuery>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t', 3);
            if (parts.Length == 3)
            {
                if (i == 0 && parts[0].Equals("qid", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                result.Add(new BenchmarkQuery(JavaText.Strip(parts[0]), JavaText.Strip(parts[1]), JavaText.Strip(parts[2])));
            }
            else if (parts.Length == 2)
            {
                result.Add(new BenchmarkQuery(JavaText.Strip(parts[0]), string.Empty, JavaText.Strip(parts[1])));
            }
            else
            {
                throw new FormatException($"{path}:{i + 1}: expected qid<TAB>type<TAB>text");
            }
        }

        return result;
    }

    /// <summary>The peer's <c>--sample N --seed S</c>: a shuffle when N fits, otherwise N draws with replacement.</summary>
    public static List<BenchmarkQuery> Sample(IReadOnlyList<BenchmarkQuery> queries, int count, long seed)
    {
        var random = new JavaRandom(seed);
        if (count <= queries.Count)
        {
            var pool = queries.ToList();
            random.Shuffle(pool);
            return pool.GetRange(0, count);
        }

        var result = new List<BenchmarkQuery>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(queries[random.NextInt(queries.Count)]);
        }

        return result;
    }
}
