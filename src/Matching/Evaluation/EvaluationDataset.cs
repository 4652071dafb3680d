using System.Text.Json;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Evaluation;

/// <summary>
/// A dataset folder for evaluation and training: <c>corpus.jsonl</c> (<c>id</c>, <c>title</c>, <c>keywords</c>,
/// <c>abstract</c>; optional <c>discipline</c>/<c>category</c> kept as attributes), <c>queries.&lt;split&gt;.tsv</c>
/// (<c>qid&lt;TAB&gt;type&lt;TAB&gt;text</c>) and <c>qrels.&lt;split&gt;.txt</c> (TREC qrels). A portal can evaluate on its own judgments.
/// </summary>
public sealed class EvaluationDataset
{
    private EvaluationDataset(string folder) => Folder = folder;

    /// <summary>The folder's full path.</summary>
    public string Folder { get; }

    /// <summary>Opens a dataset folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="FileNotFoundException"><c>corpus.jsonl</c> is missing; the message says where the data is expected.</exception>
    public static EvaluationDataset Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        return File.Exists(Path.Combine(full, "corpus.jsonl"))
            ? new EvaluationDataset(full)
            : throw new FileNotFoundException(
                $"No dataset at '{full}': corpus.jsonl is missing. A dataset folder holds corpus.jsonl, queries.<split>.tsv and qrels.<split>.txt; the project's evaluation data lives in ../shared/data next to the repository.");
    }

    /// <summary>Whether the folder has queries and judgments for a split.</summary>
    /// <param name="split">The split name.</param>
    /// <returns><see langword="true"/> when both files exist.</returns>
    public bool HasSplit(string split) =>
        File.Exists(Path.Combine(Folder, $"queries.{split}.tsv")) && File.Exists(Path.Combine(Folder, $"qrels.{split}.txt"));

    /// <summary>Reads the corpus as achievements (discipline and category go to attributes, not searched).</summary>
    /// <returns>The documents.</returns>
    /// <exception cref="FormatException">A line is not valid; the message names the file and line.</exception>
    public List<MatchDocument> ReadCorpus()
    {
        var path = Path.Combine(Folder, "corpus.jsonl");
        var documents = new List<MatchDocument>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var e = json.RootElement;
                var attributes = new Dictionary<string, string>();
                foreach (var name in new[] { "discipline", "category" })
                {
                    if (Get(e, name) is { Length: > 0 } value)
                    {
                        attributes[name] = value;
                    }
                }

                documents.Add(new TechAchievement(Get(e, "id") ?? Get(e, "doc_id") ?? throw new FormatException("no id"), Get(e, "title") ?? string.Empty)
                {
                    Description = Get(e, "abstract") ?? Get(e, "text") ?? Get(e, "description") ?? string.Empty,
                    Keywords = e.TryGetProperty("keywords", out var k) && k.ValueKind == JsonValueKind.Array ? k.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : [],
                    Attributes = attributes,
                });
            }
            catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNumber}: {ex.Message}", ex);
            }
        }

        return documents;
    }

    /// <summary>Reads a split's queries.</summary>
    /// <param name="split">The split name (e.g. <c>dev</c>).</param>
    /// <returns>The queries with their types.</returns>
    /// <exception cref="FileNotFoundException">The split's query file is missing.</exception>
    /// <exception cref="FormatException">A line is not <c>qid&lt;TAB&gt;type&lt;TAB&gt;text</c>.</exception>
    public List<TrainingQuery> ReadQueries(string split)
    {
        var path = Path.Combine(Folder, $"queries.{split}.tsv");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No queries for split '{split}': {path} is missing.", path);
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

    /// <summary>Reads a split's graded judgments.</summary>
    /// <param name="split">The split name.</param>
    /// <returns>Grades by query id, then document id.</returns>
    public Dictionary<string, Dictionary<string, int>> ReadQrels(string split) =>
        TrecFormat.ReadQrels(Path.Combine(Folder, $"qrels.{split}.txt"));

    /// <summary>Reads a split's judgments as <see cref="Judgment"/>s (for the trainer).</summary>
    /// <param name="split">The split name.</param>
    /// <returns>The judgments.</returns>
    public List<Judgment> ReadJudgments(string split) =>
        ReadQrels(split).SelectMany(q => q.Value.Select(d => new Judgment(q.Key, d.Key, d.Value))).ToList();

    private static string? Get(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
