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

    /// <summary>
    /// Document frequencies of many terms of one field. One terms enumerator per segment serves every term (the reader's
    /// own <c>DocFreq</c> creates an enumerator per term and segment, which cost ~13 ms for 90 feedback terms at 100k documents).
    /// </summary>
    public static long[] DocFreqs(IndexReader reader, string field, IReadOnlyList<string> terms)
    {
        var result = new long[terms.Count];
        var bytes = terms.Select(t => new Lucene.Net.Util.BytesRef(t)).ToArray();
        foreach (var leaf in reader.Leaves)
        {
            var termsEnum = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
            if (termsEnum is null)
            {
                continue;
            }

            for (var i = 0; i < bytes.Length; i++)
            {
                if (termsEnum.SeekExact(bytes[i]))
                {
                    result[i] += termsEnum.DocFreq;
                }
            }
        }

        return result;
    }

    /// <summary>What <see cref="TermContext.Build"/> does for each term, with one terms enumerator per segment for all of them.</summary>
    private static TermContext[] Build(IndexReader reader, string field, string[] terms)
    {
        var top = reader.Context;
        var contexts = new TermContext[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            contexts[i] = new TermContext(top);
        }

        var bytes = terms.Select(t => new Lucene.Net.Util.BytesRef(t)).ToArray();
        foreach (var leaf in top.Leaves)
        {
            var termsEnum = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
            if (termsEnum is null)
            {
                continue;
            }

            for (var i = 0; i < bytes.Length; i++)
            {
                if (termsEnum.SeekExact(bytes[i]))
                {
                    contexts[i].Register(termsEnum.GetTermState(), leaf.Ord, termsEnum.DocFreq, termsEnum.TotalTermFreq);
                }
            }
        }

        return contexts;
    }
}
