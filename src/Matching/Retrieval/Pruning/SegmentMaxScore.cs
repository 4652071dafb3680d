using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Quanzhou.Matching.Retrieval.Pruning;

/// <summary>
/// MaxScore over one segment. Terms are ordered by their upper bound; the longest prefix whose bounds sum below the
/// current threshold is <em>non-essential</em> (a document matching only those cannot enter the top k), the rest are
/// essential. Windows of 4,096 document ids are scored term-at-a-time from the essential terms into a score table (as
/// Lucene's <c>BooleanScorer</c> does), then each candidate of the window, in id order, adds the non-essential terms
/// from the largest bound down, and is dropped as soon as its score plus the remaining bounds falls below the threshold.
/// As the threshold rises, terms move from essential to non-essential and their postings are only probed by skipping.
/// </summary>
/// <remarks>One instance per search (it holds the window buffers); not thread-safe.</remarks>
internal sealed class SegmentMaxScore
{
    private const int WindowBits = 12;
    private const int Window = 1 << WindowBits;

    /// <summary>Relative margin on every bound: BM25 in float is monotone in the frequency only up to a few ulps.</summary>
    private const double BoundMargin = 1e-5;

    private readonly MaxScoreCounters? _counters;
    private readonly double[] _scores = new double[Window];
    private readonly ulong[] _matched = new ulong[Window / 64];
    private Scorer[] _scorers = [];
    private double[] _bounds = [];
    private double[] _prefix = [];

    private readonly Similarity _similarity;

    public SegmentMaxScore(Similarity similarity, MaxScoreCounters? counters)
    {
        _similarity = similarity;
        _counters = counters;
    }

    /// <summary>
    /// Offers the hits among the segment's documents <paramref name="from"/> (inclusive) to <paramref name="to"/>
    /// (exclusive) to <paramref name="top"/>; ranges must come in reader and id order. <paramref name="bar"/>, when
    /// given, is the pruning bar shared with the other ranges of a split search (see <see cref="SharedBar"/>).
    /// </summary>
    public void Search(AtomicReaderContext leaf, TermClause[] clauses, Accepted accept, int from, int to, TopHits top, SharedBar? bar)
    {
        var count = Prepare(leaf, clauses, accept.Bits, from, to);
        if (count > 0)
        {
            Score(count, leaf.DocBase, to, top, bar);
        }
    }

    /// <summary>
    /// The documents the scorers may return, as Lucene's own path would accept them: live documents, then the kinds
    /// (<see cref="KindFilter.Accept"/>), and the filter's set computed over the live documents (as <c>FilteredQuery</c>
    /// asks it). Null when the filter leaves nothing in the segment.
    /// </summary>
    internal static Accepted? AcceptedDocs(AtomicReaderContext leaf, KindFilter? kinds, Filter? filter)
    {
        var reader = leaf.AtomicReader;
        IBits? accept = reader.LiveDocs;
        if (filter is not null)
        {
            var set = filter.GetDocIdSet(leaf, accept);
            var iterator = set?.GetIterator();
            if (iterator is null)
            {
                return null;
            }

            var bits = new FixedBitSet(reader.MaxDoc);
            bits.Or(iterator);
            accept = bits;
        }

        return new Accepted(kinds is null ? accept : kinds.Accept(reader, accept));
    }

    /// <summary>Positions a scorer on each term present in the segment, with its bound; returns how many, sorted by bound.</summary>
    private int Prepare(AtomicReaderContext leaf, TermClause[] clauses, IBits? accept, int from, int to)
    {
        if (_scorers.Length < clauses.Length)
        {
            _scorers = new Scorer[clauses.Length];
            _bounds = new double[clauses.Length];
            _prefix = new double[clauses.Length];
        }

        var count = 0;
        foreach (var clause in clauses)
        {
            var scorer = clause.Weight.GetScorer(leaf, accept);
            if (scorer is null || (from == 0 ? scorer.NextDoc() : scorer.Advance(from)) >= to)
            {
                continue;
            }

            _scorers[count] = scorer;
            _bounds[count] = Bound(leaf, clause);
            count++;
        }

        // Ascending bounds; equal bounds keep clause order (a stable sort), so runs are reproducible.
        var order = Enumerable.Range(0, count).OrderBy(i => _bounds[i]).ToArray();
        var scorers = order.Select(i => _scorers[i]).ToArray();
        var bounds = order.Select(i => _bounds[i]).ToArray();
        var sum = 0d;
        for (var i = 0; i < count; i++)
        {
            _scorers[i] = scorers[i];
            _bounds[i] = bounds[i];
            sum += bounds[i];
            _prefix[i] = sum;
        }

        return count;
    }

    /// <summary>The term's highest score in the segment (deleted and filtered documents included), with the margin.</summary>
    private double Bound(AtomicReaderContext leaf, TermClause clause) => Bound(_similarity, leaf, clause) * (1 + BoundMargin);

    /// <summary>The term's exact highest score over its postings in the segment (deleted documents included).</summary>
    internal static double Bound(Similarity similarity, AtomicReaderContext leaf, TermClause clause)
    {
        var frontier = TermFrontier.For(leaf.AtomicReader, clause.Term);
        var samples = NormSamples.For(leaf.AtomicReader, clause.Term.Field);
        var scorer = similarity.GetSimScorer(clause.Bounds, leaf);
        if (frontier.Frontier is not { } points || FrequencyBoundsOnly)
        {
            // Not read yet: the shortest field of the segment with the highest frequency the statistics allow.
            var shortest = NormSamples.ShortestByte(samples);
            return shortest < 0 || frontier.MaxFreq < 1 ? double.PositiveInfinity : scorer.Score(samples[shortest], frontier.MaxFreq);
        }

        var max = 0f;
        for (var i = 0; i < points.Freqs.Length; i++)
        {
            var doc = samples[points.Norms[i]];
            if (doc < 0)
            {
                // Cannot happen (a posting's own document has its norm byte); never prune on the term if it does.
                return double.PositiveInfinity;
            }

            max = Math.Max(max, scorer.Score(doc, points.Freqs[i]));
        }

        return points.Freqs.Length == 0 ? double.PositiveInfinity : max;
    }

    /// <summary>Test hook (this thread only): bound every term as if its frontier were not read yet.</summary>
    [ThreadStatic]
    internal static bool FrequencyBoundsOnly;

    /// <summary>Test access: whether the exact frontier of the term is known in the segment (long lists are read in the background).</summary>
    internal static bool HasFrontier(AtomicReaderContext leaf, Term term) => TermFrontier.For(leaf.AtomicReader, term).Frontier is not null;

    private void Score(int count, int docBase, int to, TopHits top, SharedBar? shared)
    {
        var scorers = _scorers;
        var prefix = _prefix;
        var scores = _scores;
        var matched = _matched;

        // threshold: what a hit must beat to enter this range's top k; bar: what a bound must reach not to be pruned
        // (the threshold, or the higher k-th score of another range).
        var threshold = top.Threshold;
        var bar = shared is null ? threshold : Math.Max(threshold, shared.Value);
        var essential = FirstEssential(0, count, bar);
        while (essential < count)
        {
            var windowMin = DocIdSetIterator.NO_MORE_DOCS;
            for (var j = essential; j < count; j++)
            {
                windowMin = Math.Min(windowMin, scorers[j].DocID);
            }

            if (windowMin >= to)
            {
                return;
            }

            var windowMax = windowMin > to - Window ? to : windowMin + Window;

            // 1. Essential terms, term at a time, into the window's table.
            for (var j = essential; j < count; j++)
            {
                var scorer = scorers[j];
                var doc = scorer.DocID;
                while (doc < windowMax)
                {
                    var i = doc - windowMin;
                    scores[i] += scorer.GetScore();
                    if (_counters is not null)
                    {
                        _counters.EssentialPostings++;
                    }

                    matched[i >> 6] |= 1UL << (i & 63);
                    doc = scorer.NextDoc();
                }
            }

            if (_counters is { } c)
            {
                c.Windows++;
                for (var w = 0; w < matched.Length; w++)
                {
                    c.Candidates += BitOperations.PopCount(matched[w]);
                }
            }

            // 2. Candidates in id order: add non-essential terms while the candidate can still beat the threshold.
            for (var w = 0; w < matched.Length; w++)
            {
                var word = matched[w];
                matched[w] = 0;
                while (word != 0)
                {
                    var i = (w << 6) + BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    var score = scores[i];
                    scores[i] = 0;
                    var doc = windowMin + i;
                    var j = essential - 1;
                    for (; j >= 0; j--)
                    {
                        if (score + prefix[j] < bar)
                        {
                            break;
                        }

                        var scorer = scorers[j];
                        var at = scorer.DocID;
                        if (at < doc)
                        {
                            at = scorer.Advance(doc);
                        }

                        if (at == doc)
                        {
                            score += scorer.GetScore();
                        }
                    }

                    if (j >= 0 && _counters is not null)
                    {
                        _counters.Pruned++;
                    }

                    if (j < 0 && (float)score > threshold)
                    {
                        top.Add((float)score, docBase + doc);
                        threshold = top.Threshold;
                        bar = Math.Max(bar, threshold);
                    }
                }
            }

            if (shared is not null)
            {
                shared.Raise(threshold);
                bar = Math.Max(bar, shared.Value);
            }

            essential = FirstEssential(essential, count, bar);
        }
    }

    /// <summary>The first essential term: terms before it have bounds summing below the threshold.</summary>
    private int FirstEssential(int from, int count, float threshold)
    {
        var e = from;
        while (e < count && _prefix[e] < threshold)
        {
            e++;
        }

        return e;
    }

    /// <summary>A segment's accepted documents (null bits: all).</summary>
    internal sealed record Accepted(IBits? Bits);
}
