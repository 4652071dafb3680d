namespace Quanzhou.Matching;

/// <summary>A snapshot of an index's contents.</summary>
/// <param name="DocumentCounts">Live documents per kind.</param>
/// <param name="DeletedDocuments">Deleted documents not yet merged away.</param>
/// <param name="LastCommit">When the last durable commit was made, if any.</param>
/// <param name="CommitGeneration">The generation of the last commit (grows with each commit).</param>
public sealed record IndexStatistics(
    IReadOnlyDictionary<DocumentKind, int> DocumentCounts,
    int DeletedDocuments,
    DateTimeOffset? LastCommit,
    long CommitGeneration)
{
    /// <summary>All live documents.</summary>
    public int TotalDocuments => DocumentCounts.Values.Sum();
}
