using System.Text.Json;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>A dataset folder: <c>corpus.jsonl</c>, <c>queries.&lt;split&gt;.tsv</c>, <c>qrels.&lt;split&gt;.txt</c>.</summary>
internal sealed class Dataset
{
    private Dataset(string folder) => Folder = folder;

    public string Folder { get; }

    public static Dataset Open(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!File.Exists(Path.Combine(full, "corpus.jsonl")))
        {
            throw new FileNotFoundException(
                $"No dataset at '{full}': corpus.jsonl is missing. The evaluation data lives in ../shared/data next to the repository (see README, 'Evaluation'); pass --data DIR to use another folder.");
        }

        return new Dataset(full);
    }

    /// <summary>Reads the corpus as achievements; discipline and category go into attributes (not searched).</summary>
    public IEnumerable<MatchDocument> ReadCorpus()
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(Path.Combine(Folder, "corpus.jsonl")))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement e;
            try
            {
                e = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException ex)
            {
                throw new FormatException($"corpus.jsonl:{lineNumber}: bad JSON: {ex.Message}", ex);
            }

            var attributes = new Dictionary<string, string>();
            foreach (var name in new[] { "discipline", "category" })
            {
                if (e.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } s)
                {
                    attributes[name] = s;
                }
            }

            yield return new TechAchievement(Get(e, "id") ?? Get(e, "doc_id") ?? throw new FormatException($"corpus.jsonl:{lineNumber}: no id"), Get(e, "title") ?? string.Empty)
            {
                Description = Get(e, "abstract") ?? Get(e, "text") ?? string.Empty,
                Keywords = e.TryGetProperty("keywords", out var k) && k.ValueKind == JsonValueKind.Array ? k.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : [],
                Attributes = attributes,
            };
        }
    }

    public List<TrainingQuery> ReadQueries(string split)
    {
        var path = Path.Combine(Folder, $"queries.{split}.tsv");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No queries for split '{split}': {path} is missing.");
        }

        var result = new List<TrainingQuery>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 3)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'qid<TAB>type<TAB>text'.");
            }

            result.Add(new TrainingQuery(parts[0], parts[2], parts[1]));
        }

        return result;
    }

    public Dictionary<string, Dictionary<string, int>> ReadQrels(string split) =>
        TrecFormat.ReadQrels(Path.Combine(Folder, $"qrels.{split}.txt"));

    private static string? Get(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
