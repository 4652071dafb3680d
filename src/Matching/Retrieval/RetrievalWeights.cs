namespace Quanzhou.Matching.Retrieval;

/// <summary>Boosts of the two analysed fields in the fused BM25 query (tuned on the train split).</summary>
internal static class RetrievalWeights
{
    public const float Words = 1.0f;
    public const float Bigrams = 0.5f;

    /// <summary>Most term clauses per field, highest idf first (Lucene's clause limit is 1024).</summary>
    public const int MaxTermsPerField = 400;

    /// <summary>Most bigram clauses in a fused query, rarest first (words carry the query; bigrams back them up).</summary>
    public const int MaxBigrams = MaxTermsPerField;

    /// <summary>Words found in more than this share of the documents are left out of the query (near-universal words).</summary>
    public const double MaxWordDocumentShare = 0.5;

    /// <summary>Near-universal words are left out only in indexes of at least this many documents.</summary>
    public const int MinDocumentsForWordPruning = 1_000;
}
