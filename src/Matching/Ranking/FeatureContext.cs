using Lucene.Net.Index;
using Lucene.Net.Search;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Ranking;

/// <summary>Per-query state for feature extraction: the query's terms with their idf, and collection statistics.</summary>
internal sealed class FeatureContext
{
    public FeatureContext(QueryTerms terms, MatchDocument? queryDocument, IndexSearcher searcher, DomainLexicon lexicon)
    {
        Terms = terms;
        QueryDocument = queryDocument;
        var reader = searcher.IndexReader;
        var maxDoc = Math.Max(1, reader.MaxDoc);
        WordIndex = Index(terms.Words);
        BigramIndex = Index(terms.Bigrams);
        WordIdf = terms.Words.Select(t => Idf(reader.DocFreq(new Term(IndexFields.Words, t)), maxDoc)).ToArray();
        BigramIdf = terms.Bigrams.Select(t => Idf(reader.DocFreq(new Term(IndexFields.Bigrams, t)), maxDoc)).ToArray();
        AvgWordLength = AverageLength(searcher, IndexFields.Words, maxDoc);
        AvgBigramLength = AverageLength(searcher, IndexFields.Bigrams, maxDoc);
        WordPairs = Pairs(terms.WordSequence, WordIndex);
        LexiconTerms = terms.Words.Select((t, i) => (t, i)).Where(x => lexicon.Contains(x.t)).Select(x => x.i).ToArray();
    }

    public QueryTerms Terms { get; }

    public MatchDocument? QueryDocument { get; }

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

    public float MaxRetrievalScore { get; set; }

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

    private static double AverageLength(IndexSearcher searcher, string field, int maxDoc)
    {
        var stats = searcher.CollectionStatistics(field);
        return stats is null || stats.SumTotalTermFreq <= 0 ? 1 : Math.Max(1, (double)stats.SumTotalTermFreq / maxDoc);
    }
}
