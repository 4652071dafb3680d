using System.Text.Json;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Cli.Datasets;

/// <summary>
/// An evaluation/training dataset folder: <c>corpus.jsonl</c>, <c>queries.&lt;split&gt;.tsv</c>, <c>qrels.&lt;split&gt;.txt</c> —
/// the layout the evaluation tool (benchmarks/Quanzhou.Matching.Evaluation/Dataset.cs) reads, duplicated here because
/// that tool is an executable with internal types. Bad lines fail with the file and line number.
/// </summary>
internal sealed class DatasetFolder
{
    private DatasetFolder(string folder) => Folder = folder;

    public string Folder { get; }

    public static DatasetFolder Open(DirectoryInfo folder)
    {
        if (!File.Exists(Path.Combine(folder.FullName, "corpus.jsonl")))
        {
            throw new CommandException(ExitCodes.InvalidInput,
                $"no dataset at '{folder.FullName}': corpus.jsonl is missing (a dataset folder holds corpus.jsonl, queries.<split>.tsv and qrels.<split>.txt).");
        }

        return new DatasetFolder(folder.FullName);
    }

    /// <summary>The corpus as achievements: <c>id</c>/<c>doc_id</c>, <c>title</c>, <c>abstract</c>/<c>text</c>, <c>keywords</c>.</summary>
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
                throw new CommandException(ExitCodes.InvalidInput, $"{path}:{lineNumber}: {ex.Message}");
            }
        }

        return documents;
    }

    public List<TrainingQuery> ReadQueries(string split)
    {
        var path = Require($"queries.{split}.tsv");
        var queries = new List<TrainingQuery>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 3 || parts[0].Length == 0)
            {
                throw new CommandException(ExitCodes.InvalidInput, $"{path}:{lineNumber}: expected 'qid<TAB>type<TAB>text'.");
            }

            queries.Add(new TrainingQuery(parts[0], parts[2], parts[1]));
        }

        return queries;
    }

    public Dictionary<string, Dictionary<string, int>> ReadQrels(string split)
    {
        var path = Require($"qrels.{split}.txt");
        try
        {
            return TrecFormat.ReadQrels(path);
        }
        catch (FormatException ex)
        {
            throw new CommandException(ExitCodes.InvalidInput, $"{path}: {ex.Message}");
        }
    }

    public bool HasSplit(string split) =>
        File.Exists(Path.Combine(Folder, $"queries.{split}.tsv")) && File.Exists(Path.Combine(Folder, $"qrels.{split}.txt"));

    private string Require(string name)
    {
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : throw new CommandException(ExitCodes.InvalidInput, $"{path} is missing.");
    }

    private static string? Get(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
