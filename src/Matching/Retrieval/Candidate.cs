using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Retrieval;

/// <summary>One retrieved document with its BM25 score, its dense similarity (hybrid matching) and stored fields.</summary>
/// <param name="DocId">The Lucene document number in the scope's reader (valid only inside the scope).</param>
/// <param name="Score">The BM25 score (0 for a dense-only candidate that shares no term with the query).</param>
/// <param name="Stored">The stored fields.</param>
internal sealed record Candidate(int DocId, float Score, StoredDocument Stored)
{
    public string Id => Stored.Id;

    /// <summary>The similarity of the document's vector to the query's; <see langword="null"/> without vectors.</summary>
    public float? Dense { get; init; }

    /// <summary>The 1-based BM25 rank; <see langword="null"/> when only the dense source found the document.</summary>
    public int? LexicalRank { get; init; }

    /// <summary>The 1-based rank by <see cref="Dense"/> among the query's candidates; <see langword="null"/> without a vector.</summary>
    public int? DenseRank { get; init; }
}
