using System.Globalization;

namespace Quanzhou.Matching.Evaluation;

/// <summary>Reads TREC qrels (<c>qid 0 docid grade</c>) and writes TREC runs (<c>qid Q0 docid rank score tag</c>).</summary>
public static class TrecFormat
{
    /// <summary>Highest grade accepted in qrels (as <see cref="Judgment.Grade"/>: 0 = not relevant … 4).</summary>
    public const int MaxGrade = 4;

    /// <summary>Reads qrels into grades per query.</summary>
    /// <param name="path">The qrels file.</param>
    /// <param name="invalid">
    /// Receives each line that is not <c>qid 0 docid grade</c> with valid ids (the document id rules) and an integer grade
    /// 0–<see cref="MaxGrade"/>, or repeats a (query, document) pair; the line is then skipped. <see langword="null"/> (the default)
    /// to throw on the first one.
    /// </param>
    /// <returns>Grades by query id, then document id.</returns>
    /// <exception cref="FormatException">A line is not valid and <paramref name="invalid"/> is <see langword="null"/>; the message is <c>file:line: reason</c>.</exception>
    public static Dictionary<string, Dictionary<string, int>> ReadQrels(string path, ICollection<InvalidRecord>? invalid = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var result = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var firstLine = new Dictionary<(string, string), int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var grade = 0;
            var reason = parts.Length != 4 ? $"expected 'qid 0 docid grade', found {parts.Length} field(s)"
                : IdProblem(parts[0], "query id") ?? IdProblem(parts[2], "document id")
                ?? (!int.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out grade) ? $"grade '{Printable(parts[3])}' is not an integer"
                : grade is < 0 or > MaxGrade ? $"grade {grade} is outside 0–{MaxGrade}"
                : firstLine.TryGetValue((parts[0], parts[2]), out var first) ? $"duplicate judgment of '{parts[2]}' for '{parts[0]}' (first on line {first})"
                : null);
            if (reason is not null)
            {
                InvalidRecord.Reject(path, lineNumber, reason, invalid);
                continue;
            }

            firstLine[(parts[0], parts[2])] = lineNumber;
            if (!result.TryGetValue(parts[0], out var grades))
            {
                result[parts[0]] = grades = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            grades[parts[2]] = grade;
        }

        return result;
    }

    /// <summary>Why <paramref name="id"/> breaks the document id rules, or <see langword="null"/> when it is valid.</summary>
    internal static string? IdProblem(string id, string what)
    {
        try
        {
            DocumentValidation.ValidateId(id, what);
            return null;
        }
        catch (ArgumentException ex)
        {
            // The message without ArgumentException's " (Parameter '…')" suffix, which only repeats the name.
            return ex.Message.Replace($" (Parameter '{what}')", string.Empty, StringComparison.Ordinal);
        }
    }

    private static string Printable(string s) => s.Length > 32 ? s[..32] + "…" : s;

    /// <summary>Writes one query's ranking as run lines.</summary>
    /// <param name="writer">The output.</param>
    /// <param name="queryId">The query id.</param>
    /// <param name="ranking">(document id, score) pairs, best first.</param>
    /// <param name="tag">The run tag.</param>
    public static void WriteRun(TextWriter writer, string queryId, IEnumerable<(string DocumentId, double Score)> ranking, string tag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ranking);
        var rank = 0;
        foreach (var (doc, score) in ranking)
        {
            rank++;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{queryId} Q0 {doc} {rank} {score:0.######} {tag}\n"));
        }
    }
}
