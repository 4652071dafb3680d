using Lucene.Net.Documents;

namespace Quanzhou.Matching.Retrieval;

/// <summary>One retrieved document with its BM25 score, its dense similarity (hybrid matching) and stored fields.</summary>
internal sealed record Candidate(int DocId, float Score, Document Stored)
{
    public string Id => Stored.Get(Indexing.IndexFields.Id);

    /// <summary>The similarity of the document's vector to the query's; <see langword="null"/> without vectors.</summary>
    public float? Dense { get; init; }

    /// <summary>The 1-based BM25 rank; <see langword="null"/> when only the dense source found the document.</summary>
    public int? LexicalRank { get; init; }

    /// <summary>The 1-based rank by <see cref="Dense"/> among the query's candidates; <see langword="null"/> without a vector.</summary>
    public int? DenseRank { get; init; }
}
