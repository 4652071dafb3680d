namespace Quanzhou.Matching.Cli;

/// <summary>The process exit codes, documented in README.md so scripts can branch on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An operational failure (I/O, a Lucene or ML.NET error).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments (unknown option, missing value, out of range).</summary>
    public const int Usage = 2;

    /// <summary>A bad input file: missing, unreadable, or with invalid records (each reported with its line number).</summary>
    public const int InvalidInput = 3;

    /// <summary>The index folder is missing, locked by another writer, or corrupt.</summary>
    public const int IndexUnavailable = 4;

    /// <summary>Cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
