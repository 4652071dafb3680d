namespace Quanzhou.Matching.Evaluation;

/// <summary>A line of a dataset file that failed to parse or validate: where it is and why.</summary>
/// <param name="File">The file's path, as it was read.</param>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Reason">Why the line was rejected, on one line.</param>
public sealed record InvalidRecord(string File, int LineNumber, string Reason)
{
    /// <summary>Returns <c>file:line: reason</c>.</summary>
    /// <returns>The record as one line.</returns>
    public override string ToString() => $"{File}:{LineNumber}: {Reason}";

    /// <summary>Skips a bad line into <paramref name="invalid"/>, or throws when no collection is given (strict reading).</summary>
    internal static void Reject(string file, int lineNumber, string reason, ICollection<InvalidRecord>? invalid, Exception? inner = null)
    {
        var record = new InvalidRecord(file, lineNumber, reason.ReplaceLineEndings(" "));
        if (invalid is null)
        {
            throw new FormatException(record.ToString(), inner);
        }

        invalid.Add(record);
    }
}
