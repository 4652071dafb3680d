using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Subscriptions;

/// <summary>Settings of a <see cref="SubscriptionRegistry"/>.</summary>
public sealed class SubscriptionRegistryOptions
{
    /// <summary>
    /// The index whose statistics weight the subscriptions' terms (BM25 idf over the documents the subscription's tenant
    /// may see: the public partition and the tenant's own). Its analyzer is used too. <see langword="null"/> (default):
    /// every distinct term weighs the same.
    /// </summary>
    public LuceneMatchIndex? StatisticsIndex { get; set; }

    /// <summary>
    /// The analyzer for subscriptions and new documents when there is no <see cref="StatisticsIndex"/>;
    /// <see langword="null"/> (default) for <see cref="SmartCnTextAnalyzer.Default"/>. It must be the main index's analyzer
    /// (same lexicon and stopwords) for scores to mean the same thing.
    /// </summary>
    public SmartCnTextAnalyzer? Analyzer { get; set; }
}
