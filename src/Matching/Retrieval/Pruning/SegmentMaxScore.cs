using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Quanzhou.Matching.Retrieval.Pruning;

/// <summary>
/// Block-max MaxScore over one segment (or a range of its documents). The documents are taken in blocks of 4,096 ids
/// (<see cref="TermFrontier.BlockSize"/>), each one window. In a block, the terms with a posting there are ordered by
/// their highest score in that block (<see cref="TermFrontier.Points.Blocks"/>; the segment's for terms without
/// per-block frontiers); the longest prefix whose bounds sum below the current bar is <em>non-essential</em> (a
/// document matching only those cannot enter the top k), and a block whose terms all together stay below it is skipped
/// without reading a posting. The essential terms are scored term-at-a-time into a score table (as Lucene's
/// <c>BooleanScorer</c> does), then each candidate of the window, in id order, adds the non-essential terms from the
/// largest bound down, and is dropped as soon as its score plus the remaining bounds falls below the bar.
/// </summary>
/// <remarks>One instance per search (it holds the window buffers); not thread-safe.</remarks>
internal sealed class SegmentMaxScore
{
    private const int Window = TermFrontier.BlockSize;

    /// <summary>Relative margin on every bound: BM25 in float is monotone in the frequency only up to a few ulps.</summary>
    private const double BoundMargin = 1e-5;

    private readonly MaxScoreCounters? _counters;
    private readonly double[] _scores = new double[Window];
    private readonly ulong[] _matched = new ulong[Window / 64];
    private Scorer[] _scorers = [];
    private double[] _bounds = [];
    private double[] _prefix = [];
    private double[] _local = [];
    private int[] _order = [];
    private double[][] _blockBounds = [];

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
            Score(count, leaf.DocBase, from, to, top, bar);
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

    /// <summary>
    /// Positions a scorer on each term with a posting in the range, with its bound in the segment and in each block of
    /// the range; returns how many, ordered by bound (a stable sort, so equal bounds keep clause order).
    /// </summary>
    private int Prepare(AtomicReaderContext leaf, TermClause[] clauses, IBits? accept, int from, int to)
    {
        if (_scorers.Length < clauses.Length)
        {
            _scorers = new Scorer[clauses.Length];
            _bounds = new double[clauses.Length];
            _prefix = new double[clauses.Length];
            _local = new double[clauses.Length];
            _order = new int[clauses.Length];
            Array.Resize(ref _blockBounds, clauses.Length);
        }

        var blocks = (leaf.AtomicReader.MaxDoc + TermFrontier.BlockSize - 1) >> TermFrontier.BlockBits;
        var count = 0;
        foreach (var clause in clauses)
        {
            var scorer = clause.Weight.GetScorer(leaf, accept);
            if (scorer is null || (from == 0 ? scorer.NextDoc() : scorer.Advance(from)) >= to)
            {
                continue;
            }

            _scorers[count] = scorer;
            if (_blockBounds[count] is not { } perBlock || perBlock.Length < blocks)
            {
                _blockBounds[count] = perBlock = new double[blocks];
            }

            _bounds[count] = Bounds(leaf, clause, from >> TermFrontier.BlockBits, (to - 1) >> TermFrontier.BlockBits, perBlock);
            count++;
        }

        var order = Enumerable.Range(0, count).OrderBy(i => _bounds[i]).ToArray();
        var scorers = order.Select(i => _scorers[i]).ToArray();
        var bounds = order.Select(i => _bounds[i]).ToArray();
        var perBlocks = order.Select(i => _blockBounds[i]).ToArray();
        for (var i = 0; i < count; i++)
        {
            _scorers[i] = scorers[i];
            _bounds[i] = bounds[i];
            _blockBounds[i] = perBlocks[i];
        }

        return count;
    }

    /// <summary>
    /// The term's bound in the segment (returned) and in each block <paramref name="first"/> to <paramref name="last"/>
    /// (into <paramref name="perBlock"/>): 0 where the term has no posting, the block's exact maximum where its
    /// frontier is known, the segment's bound otherwise. All with the margin.
    /// </summary>
    private double Bounds(AtomicReaderContext leaf, TermClause clause, int first, int last, double[] perBlock)
    {
        var bound = Bound(leaf, clause);
        var points = FrequencyBoundsOnly ? null : TermFrontier.For(leaf.AtomicReader, clause.Term).Frontier;
        if (points is not { Occupied.Length: > 0 } || double.IsInfinity(bound))
        {
            Array.Fill(perBlock, bound, first, last - first + 1);
            return bound;
        }

        var samples = NormSamples.For(leaf.AtomicReader, clause.Term.Field);
        var scorer = _similarity.GetSimScorer(clause.Bounds, leaf);
        var occupied = points.Occupied;
        var perBlockPoints = points.Blocks;
        for (var k = first; k <= last; k++)
        {
            if ((occupied[k >> 6] & (1UL << (k & 63))) == 0)
            {
                perBlock[k] = 0;
                continue;
            }

            if (perBlockPoints is null)
            {
                perBlock[k] = bound;
                continue;
            }

            var max = 0f;
            var exact = true;
            for (var e = perBlockPoints.Starts[k]; e < perBlockPoints.Starts[k + 1]; e++)
            {
                var doc = samples[perBlockPoints.Norms[e]];
                if (doc < 0)
                {
                    exact = false; // cannot happen (see Bound); fall back to the segment's bound
                    break;
                }

                max = Math.Max(max, scorer.Score(doc, perBlockPoints.Freqs[e]));
            }

            perBlock[k] = exact ? Math.Min(bound, max * (1 + BoundMargin)) : bound;
        }

        return bound;
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

    /// <summary>
    /// Block-max MaxScore over the blocks of the range, each block one window: the terms with a posting in the block
    /// are ordered by their bound there, the longest prefix whose bounds sum below the bar is non-essential, and a block
    /// whose bounds all together stay below the bar is skipped without reading a posting.
    /// </summary>
    private void Score(int count, int docBase, int from, int to, TopHits top, SharedBar? shared)
    {
        var scorers = _scorers;
        var prefix = _prefix;
        var local = _local;
        var order = _order;
        var scores = _scores;
        var matched = _matched;

        // threshold: what a hit must beat to enter this range's top k; bar: what a bound must reach not to be pruned
        // (the threshold, or the higher k-th score of another range).
        var threshold = top.Threshold;
        var bar = shared is null ? threshold : Math.Max(threshold, shared.Value);
        for (var block = from >> TermFrontier.BlockBits; block <= (to - 1) >> TermFrontier.BlockBits; block++)
        {
            var lo = Math.Max(block << TermFrontier.BlockBits, from);
            var hi = (int)Math.Min(((long)block << TermFrontier.BlockBits) + TermFrontier.BlockSize, to);

            // The block's terms by ascending bound there (insertion sort: a few dozen terms; ties keep segment order).
            var n = 0;
            var total = 0d;
            for (var j = 0; j < count; j++)
            {
                var b = _blockBounds[j][block];
                if (b <= 0)
                {
                    continue;
                }

                total += b;
                var at = n++;
                while (at > 0 && local[at - 1] > b)
                {
                    local[at] = local[at - 1];
                    order[at] = order[at - 1];
                    at--;
                }

                local[at] = b;
                order[at] = j;
            }

            if (n == 0 || total < bar)
            {
                if (_counters is not null && n > 0)
                {
                    _counters.SkippedWindows++;
                }

                continue;
            }

            var sum = 0d;
            var essential = n;
            for (var k = 0; k < n; k++)
            {
                sum += local[k];
                prefix[k] = sum;
                if (essential == n && sum >= bar)
                {
                    essential = k;
                }
            }

            // 1. Essential terms, term at a time, into the window's table.
            for (var k = essential; k < n; k++)
            {
                var scorer = scorers[order[k]];
                var doc = scorer.DocID;
                if (doc < lo)
                {
                    doc = scorer.Advance(lo);
                }

                while (doc < hi)
                {
                    var i = doc - lo;
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

            // 2. Candidates in id order: add non-essential terms while the candidate can still beat the bar.
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
                    var doc = lo + i;
                    var k = essential - 1;
                    for (; k >= 0; k--)
                    {
                        if (score + prefix[k] < bar)
                        {
                            break;
                        }

                        var scorer = scorers[order[k]];
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

                    if (k >= 0 && _counters is not null)
                    {
                        _counters.Pruned++;
                    }

                    if (k < 0 && (float)score > threshold)
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
        }
    }

    /// <summary>A segment's accepted documents (null bits: all).</summary>
    internal sealed record Accepted(IBits? Bits);
}
