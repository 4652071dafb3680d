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
    /// <param name="invalid">
    /// Receives each line that fails to parse or validate (invalid JSON, a field of the wrong type, a bad id, a value over
    /// the document model's limits, a repeated id), which is then skipped; <see langword="null"/> (the default) to throw on the first one.
    /// </param>
    /// <returns>The documents.</returns>
    /// <exception cref="FormatException">A line is not valid and <paramref name="invalid"/> is <see langword="null"/>; the message is <c>file:line: reason</c>.</exception>
    public List<MatchDocument> ReadCorpus(ICollection<InvalidRecord>? invalid = null)
    {
        var path = Path.Combine(Folder, "corpus.jsonl");
        var documents = new List<MatchDocument>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TechAchievement document;
            try
            {
                document = CorpusLine.Parse(line);
            }
            catch (FormatException ex)
            {
                InvalidRecord.Reject(path, lineNumber, ex.Message, invalid, ex);
                continue;
            }

            if (!firstLine.TryAdd(document.Id, lineNumber))
            {
                InvalidRecord.Reject(path, lineNumber, $"duplicate id '{document.Id}' (first on line {firstLine[document.Id]})", invalid);
                continue;
            }

            documents.Add(document);
        }

        return documents;
    }

    /// <summary>Reads a split's queries.</summary>
    /// <param name="split">The split name (e.g. <c>dev</c>).</param>
    /// <param name="invalid">
    /// Receives each line that is not <c>qid&lt;TAB&gt;type&lt;TAB&gt;text</c> with a valid id (the document id rules), a type and a
    /// non-blank text, or repeats an id; the line is then skipped. <see langword="null"/> (the default) to throw on the first one.
    /// </param>
    /// <returns>The queries with their types.</returns>
    /// <exception cref="FileNotFoundException">The split's query file is missing.</exception>
    /// <exception cref="FormatException">A line is not valid and <paramref name="invalid"/> is <see langword="null"/>; the message is <c>file:line: reason</c>.</exception>
    public List<TrainingQuery> ReadQueries(string split, ICollection<InvalidRecord>? invalid = null)
    {
        var path = Path.Combine(Folder, $"queries.{split}.tsv");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No queries for split '{split}': {path} is missing.", path);
        }

        var result = new List<TrainingQuery>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split('\t');
            var reason = parts.Length != 3 ? $"expected 'qid<TAB>type<TAB>text', found {parts.Length} field(s)"
                : TrecFormat.IdProblem(parts[0], "query id")
                ?? (string.IsNullOrWhiteSpace(parts[1]) ? "the query type is empty"
                : string.IsNullOrWhiteSpace(parts[2]) ? "the query text is empty"
                : parts[2].Length > MatchDocument.MaxDescriptionLength ? $"the query text is {parts[2].Length} characters long; at most {MatchDocument.MaxDescriptionLength} are allowed"
                : firstLine.TryGetValue(parts[0], out var first) ? $"duplicate query id '{parts[0]}' (first on line {first})"
                : null);
            if (reason is not null)
            {
                InvalidRecord.Reject(path, lineNumber, reason, invalid);
                continue;
            }

            firstLine[parts[0]] = lineNumber;
            result.Add(new TrainingQuery(parts[0], parts[2], parts[1]));
        }

        return result;
    }

    /// <summary>Reads a split's graded judgments.</summary>
    /// <param name="split">The split name.</param>
    /// <param name="invalid">Receives each bad line, which is then skipped (see <see cref="TrecFormat.ReadQrels(string, ICollection{InvalidRecord})"/>); <see langword="null"/> (the default) to throw on the first one.</param>
    /// <returns>Grades by query id, then document id.</returns>
    /// <exception cref="FileNotFoundException">The split's qrels file is missing.</exception>
    /// <exception cref="FormatException">A line is not valid and <paramref name="invalid"/> is <see langword="null"/>.</exception>
    public Dictionary<string, Dictionary<string, int>> ReadQrels(string split, ICollection<InvalidRecord>? invalid = null)
    {
        var path = Path.Combine(Folder, $"qrels.{split}.txt");
        return File.Exists(path)
            ? TrecFormat.ReadQrels(path, invalid)
            : throw new FileNotFoundException($"No judgments for split '{split}': {path} is missing.", path);
    }

    /// <summary>Reads a split's judgments as <see cref="Judgment"/>s (for the trainer).</summary>
    /// <param name="split">The split name.</param>
    /// <param name="invalid">Receives each bad line, which is then skipped; <see langword="null"/> (the default) to throw on the first one.</param>
    /// <returns>The judgments.</returns>
    public List<Judgment> ReadJudgments(string split, ICollection<InvalidRecord>? invalid = null) =>
        ReadQrels(split, invalid).SelectMany(q => q.Value.Select(d => new Judgment(q.Key, d.Key, d.Value))).ToList();
}
