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
/// Long postings lists are read in the background on first use; meanwhile the bound uses the segment's shortest field
/// and the frequency bound <c>totalTermFreq - docFreq + 1</c> — looser, equally safe.
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

    /// <summary>Terms with at most this many postings in the segment get their frontier at once; longer ones in the background.</summary>
    private const int SynchronousPostings = 4096;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Term, TermFrontier>> PerSegment = new();

    private Points? _points;

    private TermFrontier(int docFreq, long totalTermFreq)
    {
        DocFreq = docFreq;
        TotalTermFreq = totalTermFreq;
    }

    /// <summary>The term's document frequency in the segment, deleted documents included (as <see cref="TermContext"/> counts it).</summary>
    public int DocFreq { get; }

    /// <summary>The term's total frequency in the segment, deleted documents included (-1 when the field has no frequencies).</summary>
    public long TotalTermFreq { get; }

    /// <summary>
    /// The frontier, or <see langword="null"/> while a long postings list is still being read in the background (the
    /// first queries of a term must not pay a full pass over its postings); until then bound with <see cref="MaxFreq"/>.
    /// </summary>
    public Points? Frontier => Volatile.Read(ref _points);

    /// <summary>A safe bound of the term's highest frequency without reading postings: every posting has at least 1.</summary>
    public long MaxFreq => TotalTermFreq < DocFreq ? -1 : TotalTermFreq - DocFreq + 1;

    /// <summary>The frontier of <paramref name="term"/> in <paramref name="reader"/>; the statistics come from one terms-dictionary seek on first use.</summary>
    public static TermFrontier For(AtomicReader reader, Term term)
    {
        var cache = PerSegment.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<Term, TermFrontier>());
        if (cache.TryGetValue(term, out var known))
        {
            return known;
        }

        var termsEnum = reader.GetTerms(term.Field)?.GetEnumerator();
        if (termsEnum is null || !termsEnum.SeekExact(term.Bytes))
        {
            return Remember(cache, term, new TermFrontier(0, 0) { _points = new Points([], []) });
        }

        var created = new TermFrontier(termsEnum.DocFreq, termsEnum.TotalTermFreq);
        if (created.DocFreq <= SynchronousPostings)
        {
            created._points = Compute(reader, term.Field, termsEnum);
            return Remember(cache, term, created);
        }

        var remembered = Remember(cache, term, created);
        if (ReferenceEquals(remembered, created))
        {
            // Readers are thread-safe; a segment closed meanwhile (or any failure) leaves the cheap bound in place.
            ThreadPool.UnsafeQueueUserWorkItem(
                static state =>
                {
                    try
                    {
                        var termsEnum = state.Reader.GetTerms(state.Term.Field)?.GetEnumerator();
                        if (termsEnum is not null && termsEnum.SeekExact(state.Term.Bytes))
                        {
                            Volatile.Write(ref state.Frontier._points, Compute(state.Reader, state.Term.Field, termsEnum));
                        }
                    }
                    catch (Exception)
                    {
                        // Background work never fails a host: the term keeps its (safe, looser) frequency bound.
                    }
                },
                (Reader: reader, Term: term, Frontier: created),
                preferLocal: false);
        }

        return remembered;
    }

    private static TermFrontier Remember(ConcurrentDictionary<Term, TermFrontier> cache, Term term, TermFrontier frontier) =>
        cache.Count < MaxCachedTermsPerSegment ? cache.GetOrAdd(term, frontier) : frontier;

    private static Points Compute(AtomicReader reader, string field, TermsEnum termsEnum)
    {
        var norms = reader.GetNormValues(field);
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

        return new Points([.. keptNorms], [.. keptFreqs]);
    }

    /// <summary>The frontier's entries: entry <c>i</c> is the highest frequency among postings with norm byte <c>Norms[i]</c>
    /// or a shorter field (a greater byte; 0 for every entry when the field has no norms).</summary>
    internal sealed record Points(byte[] Norms, int[] Freqs);
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

    /// <summary>The greatest norm byte present (the segment's shortest field), or -1 when no document has one.</summary>
    public static int ShortestByte(int[] samples)
    {
        for (var b = samples.Length - 1; b >= 0; b--)
        {
            if (samples[b] >= 0)
            {
                return b;
            }
        }

        return -1;
    }

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
