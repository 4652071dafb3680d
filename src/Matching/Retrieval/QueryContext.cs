using Lucene.Net.Index;
using Lucene.Net.Search;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Retrieval;

/// <summary>
/// One query as every stage sees it, built once before retrieval on the scope's searcher and never changed after: the
/// query's terms with their statistics and idf, the query document and its industry tags, and the collection figures
/// the features need. What depends on the retrieved candidates (the best score, the feedback model) is in
/// <see cref="CandidateSet"/>.
/// </summary>
internal sealed class QueryContext
{
    /// <summary>Builds the context.</summary>
    /// <param name="terms">The analysed query.</param>
    /// <param name="queryDocument">The query document, or <see langword="null"/> for free text.</param>
    /// <param name="searcher">The scope's searcher (statistics are read from its reader).</param>
    /// <param name="lexicon">The domain lexicon.</param>
    /// <param name="stats">The terms' statistics when already read (the retrieval query shares them); <see langword="null"/> to read them.</param>
    /// <param name="industryTags">The query's industry tags; <see langword="null"/> for the query document's own.</param>
    public QueryContext(QueryTerms terms, MatchDocument? queryDocument, IndexSearcher searcher, DomainLexicon lexicon, QueryTermStatistics? stats = null, IReadOnlyList<string>? industryTags = null)
    {
        stats ??= new QueryTermStatistics(terms, searcher.IndexReader);
        Terms = terms;
        QueryDocument = queryDocument;
        QueryIndustryTags = industryTags ?? queryDocument?.IndustryTags ?? [];
        Statistics = stats;
        var reader = searcher.IndexReader;
        var maxDoc = Math.Max(1, reader.MaxDoc);
        WordIndex = Index(terms.Words);
        BigramIndex = Index(terms.Bigrams);
        WordIdf = stats.Words.Select(t => Idf(t.DocFreq, maxDoc)).ToArray();
        BigramIdf = stats.Bigrams.Select(t => Idf(t.DocFreq, maxDoc)).ToArray();
        AvgWordLength = AverageLength(searcher, TextField.Words, maxDoc);
        AvgBigramLength = AverageLength(searcher, TextField.Bigrams, maxDoc);
        WordPairs = Pairs(terms.WordSequence, WordIndex);
        LexiconTerms = terms.Words.Select((t, i) => (t, i)).Where(x => lexicon.Contains(x.t)).Select(x => x.i).ToArray();
        WordCollectionProbability = CollectionProbabilities(searcher, TextField.Words, stats.Words);
        BigramCollectionProbability = CollectionProbabilities(searcher, TextField.Bigrams, stats.Bigrams);
        BigramPairs = Pairs(terms.BigramSequence, BigramIndex);
        Reader = reader;
        MaxDoc = maxDoc;
    }

    /// <summary>The scope's reader the statistics come from.</summary>
    public IndexReader Reader { get; }

    /// <summary>The reader's document count (at least 1), the idf's N.</summary>
    public int MaxDoc { get; }

    /// <summary>P(term | collection) per query word, for query-likelihood features.</summary>
    public double[] WordCollectionProbability { get; }

    /// <summary>P(bigram | collection) per query bigram.</summary>
    public double[] BigramCollectionProbability { get; }

    /// <summary>Adjacent bigram pairs of the query (consecutive characters).</summary>
    public HashSet<long> BigramPairs { get; }

    private static double[] CollectionProbabilities(IndexSearcher searcher, TextField field, TermContext[] terms)
    {
        var total = Math.Max(1, searcher.CollectionStatistics(field.Name())?.SumTotalTermFreq ?? 1);
        return terms.Select(t => (Math.Max(0, t.TotalTermFreq) + 0.5) / total).ToArray();
    }

    public QueryTerms Terms { get; }

    /// <summary>The query terms' statistics (shared with the retrieval query).</summary>
    public QueryTermStatistics Statistics { get; }

    public MatchDocument? QueryDocument { get; }

    /// <summary>The query's industry tags: its document's own, or those <see cref="MatchEngine.QueryTagger"/> assigned to untagged queries.</summary>
    public IReadOnlyList<string> QueryIndustryTags { get; }

    public Dictionary<string, int> WordIndex { get; }

    public Dictionary<string, int> BigramIndex { get; }

    public double[] WordIdf { get; }

    public double[] BigramIdf { get; }

    public double AvgWordLength { get; }

    public double AvgBigramLength { get; }

    /// <summary>Adjacent word pairs of the query, as (index of first, index of second) packed in a long.</summary>
    public HashSet<long> WordPairs { get; }

    /// <summary>Indexes (into <see cref="QueryTerms.Words"/>) of query words that are domain-lexicon terms.</summary>
    public int[] LexiconTerms { get; }

    public static long Pair(int a, int b) => ((long)a << 32) | (uint)b;

    /// <summary>Lucene 4.8's BM25 idf.</summary>
    public static double Idf(long docFreq, long maxDoc) => Math.Log(1 + ((maxDoc - docFreq + 0.5) / (docFreq + 0.5)));

    private static Dictionary<string, int> Index(string[] terms)
    {
        var d = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var i = 0; i < terms.Length; i++)
        {
            d[terms[i]] = i;
        }

        return d;
    }

    private static HashSet<long> Pairs(string[] sequence, Dictionary<string, int> index)
    {
        var pairs = new HashSet<long>();
        for (var i = 0; i + 1 < sequence.Length; i++)
        {
            pairs.Add(Pair(index[sequence[i]], index[sequence[i + 1]]));
        }

        return pairs;
    }

    private static double AverageLength(IndexSearcher searcher, TextField field, int maxDoc)
    {
        var stats = searcher.CollectionStatistics(field.Name());
        return stats is null || stats.SumTotalTermFreq <= 0 ? 1 : Math.Max(1, (double)stats.SumTotalTermFreq / maxDoc);
    }
}
