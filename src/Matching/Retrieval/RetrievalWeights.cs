namespace Quanzhou.Matching.Retrieval;

/// <summary>Boosts of the two analysed fields in the fused BM25 query (tuned on the train split; see the README).</summary>
internal static class RetrievalWeights
{
    public const float Words = 1.0f;
    public const float Bigrams = 0.5f;

    /// <summary>Most term clauses per field, highest idf first (Lucene's clause limit is 1024).</summary>
    public const int MaxTermsPerField = 400;
}
