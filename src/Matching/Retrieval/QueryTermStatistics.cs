using Lucene.Net.Index;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Retrieval;

/// <summary>
/// Each query term's statistics, looked up once per query in the searcher's reader and shared by the BM25 query
/// (its <see cref="Lucene.Net.Search.TermQuery"/>s reuse the per-segment states instead of seeking the terms
/// dictionary again) and by feature extraction (idf, collection probabilities).
/// </summary>
internal sealed class QueryTermStatistics
{
    public QueryTermStatistics(QueryTerms terms, IndexReader reader)
    {
        MaxDoc = Math.Max(1, reader.MaxDoc);
        Words = Build(reader, IndexFields.Words, terms.Words);
        Bigrams = Build(reader, IndexFields.Bigrams, terms.Bigrams);
    }

    /// <summary>The reader's document count (deleted ones included, as BM25 counts them).</summary>
    public int MaxDoc { get; }

    /// <summary>One state per <see cref="QueryTerms.Words"/> entry.</summary>
    public TermContext[] Words { get; }

    /// <summary>One state per <see cref="QueryTerms.Bigrams"/> entry.</summary>
    public TermContext[] Bigrams { get; }

    private static TermContext[] Build(IndexReader reader, string field, string[] terms)
    {
        var contexts = new TermContext[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            contexts[i] = TermContext.Build(reader.Context, new Term(field, terms[i]));
        }

        return contexts;
    }
}
