namespace Quanzhou.Matching.Serialization;

/// <summary>One record read from a JSON-lines file: a document, or the reason it was rejected, with its line number.</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Document">The document, when the line was valid.</param>
/// <param name="Error">Why the line was rejected, when it was not.</param>
public sealed record JsonDocumentRecord(int LineNumber, MatchDocument? Document, string? Error);
