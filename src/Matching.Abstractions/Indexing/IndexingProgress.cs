namespace Quanzhou.Matching;

/// <summary>Progress of a bulk write, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Processed">Documents processed so far.</param>
/// <param name="Total">Total documents, when known.</param>
/// <param name="Rejected">Documents rejected so far.</param>
public readonly record struct IndexingProgress(int Processed, int? Total, int Rejected);
