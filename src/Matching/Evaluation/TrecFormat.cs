using System.Globalization;

namespace Quanzhou.Matching.Evaluation;

/// <summary>Reads TREC qrels (<c>qid 0 docid grade</c>) and writes TREC runs (<c>qid Q0 docid rank score tag</c>).</summary>
public static class TrecFormat
{
    /// <summary>Reads qrels into grades per query.</summary>
    /// <param name="path">The qrels file.</param>
    /// <returns>Grades by query id, then document id.</returns>
    /// <exception cref="FormatException">A line is not <c>qid 0 docid grade</c>; the message names the line.</exception>
    public static Dictionary<string, Dictionary<string, int>> ReadQrels(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var result = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4 || !int.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var grade))
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'qid 0 docid grade'.");
            }

            if (!result.TryGetValue(parts[0], out var grades))
            {
                result[parts[0]] = grades = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            grades[parts[2]] = grade;
        }

        return result;
    }

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
