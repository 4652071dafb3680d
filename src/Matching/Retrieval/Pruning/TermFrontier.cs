using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Quanzhou.Matching.Retrieval.Pruning;

/// <summary>
/// The postings of one term in one segment that can score highest: for every posting (document, frequency) some entry
/// here has at least that frequency and a field at most as long. BM25 rises with the frequency and falls with the field
/// length, so the highest score of the term in the segment, under any collection statistics and boost, is the highest
/// score of these few entries — which <see cref="MaxScoreSearch"/> evaluates with the query's own scorer, so the bound
/// is the exact maximum, not an estimate.
/// </summary>
/// <remarks>
/// Deleted documents are included (the maximum over a superset is still an upper bound), so one frontier serves every
/// searcher generation that shares the segment's core, and is cached on <see cref="IndexReader.CoreCacheKey"/> as
/// <see cref="KindFilter"/> caches its bits. Field lengths are compared by norm byte: <c>BM25Similarity</c> (Lucene.Net
/// 4.8) encodes <c>1/sqrt(length)</c> with <c>SmallFloat.floatToByte315</c>, so a greater unsigned byte is a shorter
/// field (byte 0 decodes to an infinite length, the longest).
/// </remarks>
internal sealed class TermFrontier
{
    /// <summary>Most frontiers remembered per segment (each holds a few ints; the cap bounds memory on huge vocabularies).</summary>
    private const int MaxCachedTermsPerSegment = 200_000;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Term, TermFrontier>> PerSegment = new();

    private TermFrontier(int[] docs)
    {
        Docs = docs;
    }

    /// <summary>The representative documents, ascending (so one postings iterator can visit them in order).</summary>
    public int[] Docs { get; }

    /// <summary>The frontier of <paramref name="term"/> in <paramref name="reader"/>, computed by one pass over its postings on first use.</summary>
    public static TermFrontier For(AtomicReader reader, Term term)
    {
        var cache = PerSegment.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<Term, TermFrontier>());
        if (cache.TryGetValue(term, out var known))
        {
            return known;
        }

        var computed = Compute(reader, term);
        if (cache.Count < MaxCachedTermsPerSegment)
        {
            cache.TryAdd(term, computed);
        }

        return computed;
    }

    private static TermFrontier Compute(AtomicReader reader, Term term)
    {
        var termsEnum = reader.GetTerms(term.Field)?.GetEnumerator();
        if (termsEnum is null || !termsEnum.SeekExact(term.Bytes))
        {
            return new TermFrontier([]);
        }

        var norms = reader.GetNormValues(term.Field);
        var postings = termsEnum.Docs(null, null, DocsFlags.FREQS);
        Span<int> maxFreq = stackalloc int[256];
        Span<int> doc = stackalloc int[256];
        maxFreq.Clear();
        int d;
        while ((d = postings.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            var b = norms is null ? 0 : (int)(norms.Get(d) & 0xFF);
            var f = postings.Freq;
            if (f > maxFreq[b])
            {
                maxFreq[b] = f;
                doc[b] = d;
            }
        }

        // From the shortest fields (greatest byte) to the longest: keep an entry only if its frequency beats every
        // shorter field's, the others are dominated.
        var kept = new List<int>();
        var best = 0;
        for (var b = 255; b >= 0; b--)
        {
            if (maxFreq[b] > best)
            {
                best = maxFreq[b];
                kept.Add(doc[b]);
            }
        }

        kept.Sort();
        return new TermFrontier([.. kept]);
    }
}
