using System.Text.Json.Nodes;
using Quanzhou.Matching.Evaluation;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// The dataset lines skipped as bad (<see cref="InvalidRecord"/>), counted per file read. With <c>--strict</c> nothing is
/// collected: the library's readers throw on the first bad line instead.
/// </summary>
internal sealed class SkippedRecords(bool strict)
{
    /// <summary>Bad records listed one per line on the console and in <c>summary.json</c>; the rest are only counted.</summary>
    public const int MaxListed = 20;

    private readonly List<InvalidRecord> _records = [];
    private readonly List<string> _files = [];

    public IReadOnlyList<InvalidRecord> Records => _records;

    /// <summary>Reads one dataset file through <paramref name="read"/>, collecting its bad lines (or none, in strict mode).</summary>
    /// <remarks>A file read a second time (e.g. <c>--split train</c> with <c>--train-model</c>) is not counted twice.</remarks>
    public T Read<T>(string fileName, Func<ICollection<InvalidRecord>?, T> read)
    {
        if (_files.Contains(fileName, StringComparer.Ordinal))
        {
            return read(strict ? null : []);
        }

        _files.Add(fileName);
        return read(strict ? null : _records);
    }

    /// <summary>Skipped lines per file read, in reading order (files with none included).</summary>
    public IEnumerable<(string File, int Count)> PerFile() =>
        _files.Select(f => (f, _records.Count(r => Path.GetFileName(r.File) == f)));

    /// <summary>Writes the capped listing (<c>file:line: reason</c>) to <paramref name="w"/>; nothing when no line was skipped.</summary>
    public void PrintListing(TextWriter w)
    {
        if (_records.Count == 0)
        {
            return;
        }

        w.WriteLine($"skipped {_records.Count} bad record(s) ({CountsText()}); add --strict to stop at the first one instead:");
        foreach (var r in _records.Take(MaxListed))
        {
            w.WriteLine($"  {Describe(r)}");
        }

        if (_records.Count > MaxListed)
        {
            w.WriteLine($"  ... and {_records.Count - MaxListed} more");
        }
    }

    /// <summary>One line for the report: the total and the count per file.</summary>
    public string Summary() => $"skipped records: {_records.Count} ({CountsText()})";

    public JsonObject ToJson()
    {
        var files = new JsonObject();
        foreach (var (file, count) in PerFile())
        {
            files[file] = count;
        }

        return new JsonObject
        {
            ["total"] = _records.Count,
            ["files"] = files,
            ["listed"] = new JsonArray([.. _records.Take(MaxListed).Select(r => (JsonNode)new JsonObject { ["file"] = Path.GetFileName(r.File), ["line"] = r.LineNumber, ["reason"] = r.Reason })]),
        };
    }

    private string CountsText() => string.Join(", ", PerFile().Select(p => $"{p.File} {p.Count}"));

    private static string Describe(InvalidRecord r) => $"{Path.GetFileName(r.File)}:{r.LineNumber}: {r.Reason}";
}
