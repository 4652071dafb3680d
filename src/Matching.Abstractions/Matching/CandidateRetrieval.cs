namespace Quanzhou.Matching;

/// <summary>Which analysed text BM25 candidate retrieval searches.</summary>
public enum CandidateRetrieval
{
    /// <summary>SmartCn words and CJK bigrams in one query (the default; best measured recall and precision).</summary>
    Fused = 0,

    /// <summary>SmartCn words (with the domain lexicon) only.</summary>
    Words = 1,

    /// <summary>CJK character bigrams only.</summary>
    Bigrams = 2,
}
