using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Quanzhou.Matching.Retrieval.Pruning;

/// <summary>
/// The postings of one term in one segment that can score highest: for every posting (document, frequency) some entry
/// here has at least that frequency and a field at most as long. BM25 rises with the frequency and falls with the field
/// length, so the highest score of the term in the segment, under any collection statistics and boost, is the highest
/// score of these few entries — which <see cref="MaxScoreSearch"/> evaluates with the query's own similarity (at a
/// sample document of each norm byte, <see cref="NormSamples"/>), so the bound is the exact maximum, not an estimate.
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

    private TermFrontier(int docFreq, long totalTermFreq, byte[] norms, int[] freqs)
    {
        DocFreq = docFreq;
        TotalTermFreq = totalTermFreq;
        Norms = norms;
        Freqs = freqs;
    }

    /// <summary>The term's document frequency in the segment, deleted documents included (as <see cref="TermContext"/> counts it).</summary>
    public int DocFreq { get; }

    /// <summary>The term's total frequency in the segment, deleted documents included.</summary>
    public long TotalTermFreq { get; }

    /// <summary>The frontier's norm bytes (one per entry; 0 when the field has no norms).</summary>
    public byte[] Norms { get; }

    /// <summary>The frontier's frequencies: entry <c>i</c> is the highest frequency among postings with norm byte <c>Norms[i]</c> or shorter.</summary>
    public int[] Freqs { get; }

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
            return new TermFrontier(0, 0, [], []);
        }

        var norms = reader.GetNormValues(term.Field);
        var postings = termsEnum.Docs(null, null, DocsFlags.FREQS);
        Span<int> maxFreq = stackalloc int[256];
        maxFreq.Clear();
        int d;
        while ((d = postings.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            var b = norms is null ? 0 : (int)(norms.Get(d) & 0xFF);
            var f = postings.Freq;
            if (f > maxFreq[b])
            {
                maxFreq[b] = f;
            }
        }

        // From the shortest fields (greatest byte) to the longest: keep an entry only if its frequency beats every
        // shorter field's, the others are dominated.
        var keptNorms = new List<byte>();
        var keptFreqs = new List<int>();
        var best = 0;
        for (var b = 255; b >= 0; b--)
        {
            if (maxFreq[b] > best)
            {
                best = maxFreq[b];
                keptNorms.Add((byte)b);
                keptFreqs.Add(best);
            }
        }

        return new TermFrontier(termsEnum.DocFreq, termsEnum.TotalTermFreq, [.. keptNorms], [.. keptFreqs]);
    }
}

/// <summary>
/// For each norm byte of a field, one document of the segment that has it: a BM25 <see cref="Similarity.SimScorer"/>
/// reads the field length only through the document's norm, so scoring that document with a frequency <c>f</c> gives
/// the exact score of any posting with that norm byte and frequency <c>f</c>. Cached per segment core and field.
/// </summary>
internal static class NormSamples
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, int[]>> PerSegment = new();

    /// <summary>Index by norm byte: a document with that byte, or -1. All zeros (document 0) when the field has no norms.</summary>
    public static int[] For(AtomicReader reader, string field) =>
        PerSegment.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, int[]>(StringComparer.Ordinal))
            .GetOrAdd(field, f => Compute(reader, f));

    private static int[] Compute(AtomicReader reader, string field)
    {
        var samples = new int[256];
        var norms = reader.GetNormValues(field);
        if (norms is null)
        {
            return samples;
        }

        Array.Fill(samples, -1);
        var missing = 256;
        for (var doc = 0; doc < reader.MaxDoc && missing > 0; doc++)
        {
            var b = (int)(norms.Get(doc) & 0xFF);
            if (samples[b] < 0)
            {
                samples[b] = doc;
                missing--;
            }
        }

        return samples;
    }
}
