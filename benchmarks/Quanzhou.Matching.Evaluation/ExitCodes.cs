namespace Quanzhou.Matching.EvaluationTool;

/// <summary>The evaluation tool's exit codes, documented in the README so CI scripts can branch on them.</summary>
internal static class ExitCodes
{
    /// <summary>The evaluation ran (and the gate, when asked for, passed).</summary>
    public const int Success = 0;

    /// <summary><c>--gate</c>: <c>learned</c> fell below the best BM25 pipeline on problem nDCG@10 (or did not run).</summary>
    public const int GateFailed = 1;

    /// <summary>Bad arguments.</summary>
    public const int Usage = 2;

    /// <summary>A file or folder is missing (the dataset, a split's queries or qrels, a model), or the model fails verification.</summary>
    public const int InputUnavailable = 3;

    /// <summary>A bad record with <c>--strict</c> (without it bad records are reported and skipped), or nothing valid is left to evaluate.</summary>
    public const int BadRecord = 4;

    /// <summary>Another operational failure: I/O (e.g. writing <c>--out</c>), a Lucene.Net or ML.NET error.</summary>
    public const int Failure = 5;
}
