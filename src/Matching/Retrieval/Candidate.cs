using Lucene.Net.Documents;

namespace Quanzhou.Matching.Retrieval;

/// <summary>One retrieved document with its BM25 score and stored fields.</summary>
internal sealed record Candidate(int DocId, float Score, Document Stored)
{
    public string Id => Stored.Get(Indexing.IndexFields.Id);
}
