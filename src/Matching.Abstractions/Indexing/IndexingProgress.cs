namespace Quanzhou.Matching;

/// <summary>Progress of a bulk write, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Processed">Documents processed so far.</param>
/// <param name="Total">Total documents, when known.</param>
/// <param name="Rejected">Documents rejected so far.</param>
public readonly record struct IndexingProgress(int Processed, int? Total, int Rejected)
{
    /// <summary>
    /// Documents embedded so far, when the index has an embedding model (hybrid matching): embedding comes before
    /// indexing, so reports with <see cref="Processed"/> 0 and a growing count here come first. 0 without a model.
    /// </summary>
    public int Embedded { get; init; }
}
