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
        : this(terms, queryDocument, searcher, lexicon, new QueryTermStatistics(terms, searcher.IndexReader))
    {
    }

    public FeatureContext(QueryTerms terms, MatchDocument? queryDocument, IndexSearcher searcher, DomainLexicon lexicon, QueryTermStatistics stats)
    {
        Terms = terms;
        QueryDocument = queryDocument;
        QueryIndustryTags = queryDocument?.IndustryTags ?? [];
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
        _reader = reader;
        _maxDoc = maxDoc;
    }

    private readonly IndexReader _reader;
    private readonly int _maxDoc;

    /// <summary>P(term | collection) per query word, for query-likelihood features.</summary>
    public double[] WordCollectionProbability { get; }

    /// <summary>P(bigram | collection) per query bigram.</summary>
    public double[] BigramCollectionProbability { get; }

    /// <summary>Adjacent bigram pairs of the query (consecutive characters).</summary>
    public HashSet<long> BigramPairs { get; }

    /// <summary>Pseudo-relevance-feedback terms (RM3-style) from the top retrieved candidates, with weights summing to 1.</summary>
    public Dictionary<string, double> FeedbackTerms { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>How many top candidates feed the pseudo-relevance model.</summary>
    public const int FeedbackDocuments = 10;

    /// <summary>How many expansion terms the pseudo-relevance model keeps.</summary>
    public const int FeedbackTermCount = 30;

    /// <summary>Builds the RM3-style expansion model: P(t|D) weighted by each top document's share of the retrieval score, times idf; query words excluded.</summary>
    public void SetFeedback(IReadOnlyList<Candidate> candidates)
    {
        var top = candidates.Take(FeedbackDocuments).ToArray();
        var total = top.Sum(c => (double)c.Score);
        if (top.Length == 0 || total <= 0)
        {
            return;
        }

        var raw = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in top)
        {
            var tokens = c.Stored.JoinedWords.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            var weight = c.Score / total / tokens.Length;
            foreach (var t in tokens)
            {
                if (t.Length > 1 && !WordIndex.ContainsKey(t))
                {
                    raw[t] = raw.GetValueOrDefault(t) + weight;
                }
            }
        }

        var shortlist = raw.OrderByDescending(kv => kv.Value).Take(FeedbackTermCount * 3).ToArray();
        var docFreqs = QueryTermStatistics.DocFreqs(_reader, TextField.Words, shortlist.Select(kv => kv.Key).ToArray());
        var weighted = shortlist
            .Select((kv, i) => (kv.Key, w: kv.Value * Idf(docFreqs[i], _maxDoc)))
            .OrderByDescending(x => x.w).Take(FeedbackTermCount).ToArray();
        var sum = weighted.Sum(x => x.w);
        FeedbackTerms = sum > 0 ? weighted.ToDictionary(x => x.Key, x => x.w / sum, StringComparer.Ordinal) : FeedbackTerms;
    }

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
    public IReadOnlyList<string> QueryIndustryTags { get; set; }

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

    private static double AverageLength(IndexSearcher searcher, TextField field, int maxDoc)
    {
        var stats = searcher.CollectionStatistics(field.Name());
        return stats is null || stats.SumTotalTermFreq <= 0 ? 1 : Math.Max(1, (double)stats.SumTotalTermFreq / maxDoc);
    }
}
