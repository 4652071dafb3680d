using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Quanzhou.Matching.Retrieval.Pruning;

/// <summary>
/// Top-k search of a weighted disjunction of term queries (the fused BM25 query of <see cref="CandidateRetriever"/>) with
/// MaxScore dynamic pruning (Turtle and Flood 1995, in the windowed form of Lucene 9's <c>MaxScoreBulkScorer</c>).
/// Lucene.Net 4.8 scores every document that matches any term; here a document is skipped only when even the sum of
/// its terms' upper bounds cannot beat the k-th best hit so far, so the hits and their scores are exactly those of
/// exhaustive scoring.
/// </summary>
/// <remarks>
/// <para>Exactness: each term is scored by its own <see cref="Weight"/> from the searcher (the same BM25 weight the
/// <see cref="BooleanQuery"/> would build: BM25 ignores the query norm), a document's term scores are summed in double and
/// rounded to float once, as Lucene's <c>BooleanScorer</c> does, and ties are broken by the lower document id because
/// documents are visited in id order and a later document must score strictly above the k-th. Term bounds are the exact
/// per-segment maxima (<see cref="TermFrontier"/>, scored with a <see cref="Similarity.SimWeight"/> built from the same
/// statistics as the term's weight) with a relative margin of 1e-5 against float rounding.</para>
/// <para>Anything else — another similarity, a required or prohibited clause, a non-term clause, a boosted or
/// minimum-should-match boolean query — returns <see langword="null"/>, and the caller runs Lucene's exhaustive search.</para>
/// </remarks>
internal static class MaxScoreSearch
{
    /// <summary>Set in an async flow (tests, benchmarks) to make <see cref="TrySearch"/> decline, so the caller scores exhaustively.</summary>
    internal static readonly AsyncLocal<bool> Exhaustive = new();

    /// <summary>
    /// The top <paramref name="count"/> hits of <paramref name="query"/> (optionally wrapped by <see cref="KindFilter.Restrict"/>)
    /// among the documents of <paramref name="filter"/>, best first, as <c>searcher.Search(query, filter, count).ScoreDocs</c>
    /// returns them; or <see langword="null"/> when the query is not a pure weighted disjunction of terms.
    /// <paramref name="counters"/>, when given, receives what the search did (tests, profiles). With <paramref name="slices"/>
    /// above 1 the document ids are split into that many ranges searched in parallel (<see cref="SearchSliced"/>), with
    /// <see cref="Auto"/> the search chooses (<see cref="AutoSlices"/>): the same hits either way.
    /// </summary>
    public static ScoreDoc[]? TrySearch(IndexSearcher searcher, Query query, Filter? filter, int count, MaxScoreCounters? counters = null, int slices = 1, int maxAutoSlices = 1)
    {
        if (Exhaustive.Value || count <= 0 || searcher.Similarity.GetType() != typeof(BM25Similarity))
        {
            return null;
        }

        KindFilter? kinds = null;
        if (KindFilter.TryUnwrap(query, out var inner, out var restriction))
        {
            query = inner;
            kinds = restriction;
        }

        if (TermClauses(query) is not { } termQueries)
        {
            return null;
        }

        var fieldStatistics = new Dictionary<string, CollectionStatistics>(StringComparer.Ordinal);
        var clauses = new TermClause[termQueries.Count];
        for (var i = 0; i < clauses.Length; i++)
        {
            clauses[i] = CreateClause(searcher, termQueries[i], fieldStatistics);
        }

        var capacity = Math.Min(count, Math.Max(1, searcher.IndexReader.MaxDoc));
        var leaves = searcher.IndexReader.Leaves;
        var maxDoc = searcher.IndexReader.MaxDoc;
        if (slices == Auto)
        {
            slices = AutoSlices(clauses, maxAutoSlices);
        }

        slices = Math.Clamp(slices, 1, Math.Max(1, maxDoc));
        if (slices == 1)
        {
            return SearchLeaves(searcher.Similarity, leaves, clauses, kinds, filter, capacity, counters);
        }

        Interlocked.Increment(ref s_parallel);
        try
        {
            return SearchSliced(searcher.Similarity, leaves, maxDoc, slices, clauses, kinds, filter, capacity, counters);
        }
        finally
        {
            Interlocked.Decrement(ref s_parallel);
        }
    }

    /// <summary>Pass as <c>slices</c> to let the search choose: see <see cref="AutoSlices"/>.</summary>
    internal const int Auto = 0;

    /// <summary>
    /// Postings (the clauses' summed document frequencies) per extra thread before <see cref="Auto"/> splits a search:
    /// below it the hand-off costs more than the second core saves (2026-12-07, 200k and 1M synthetic documents).
    /// </summary>
    internal static int AutoPostingsPerSlice { get; set; } = 20_000;

    private static int s_parallel;

    /// <summary>
    /// Threads for a search under <see cref="Auto"/>: one per <see cref="AutoPostingsPerSlice"/> postings, at most
    /// <paramref name="max"/>, and only while no other split search is running (so concurrent callers, which already
    /// use the cores, each search on their own thread).
    /// </summary>
    private static int AutoSlices(TermClause[] clauses, int max)
    {
        if (max <= 1 || Volatile.Read(ref s_parallel) > 0)
        {
            return 1;
        }

        long postings = 0;
        foreach (var clause in clauses)
        {
            postings += clause.DocFreq;
        }

        return (int)Math.Clamp(postings / AutoPostingsPerSlice, 1, max);
    }

    /// <summary>
    /// The search split into <paramref name="slices"/> contiguous ranges of document ids (cut inside segments as
    /// needed, so a single merged segment splits too), searched in parallel and merged by score and document id. Each
    /// range keeps its own exact top k in id order; the ranges share only a pruning bar, the highest k-th score any of
    /// them has reached. A document is skipped only when its bound is strictly below that bar, so k documents of some
    /// range score strictly above it whatever the tie order: the same hits as one thread, whatever the timing.
    /// </summary>
    private static ScoreDoc[] SearchSliced(Similarity similarity, IList<AtomicReaderContext> leaves, int maxDoc, int slices, TermClause[] clauses, KindFilter? kinds, Filter? filter, int capacity, MaxScoreCounters? counters)
    {
        // Accepted documents once per segment, not once per range.
        var accepted = new SegmentMaxScore.Accepted?[leaves.Count];
        for (var l = 0; l < leaves.Count; l++)
        {
            accepted[l] = SegmentMaxScore.AcceptedDocs(leaves[l], kinds, filter);
        }

        var partial = new ScoreDoc[slices][];
        var sliceCounters = new MaxScoreCounters?[slices];
        var bar = new SharedBar();
        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, s =>
        {
            var from = (int)((long)maxDoc * s / slices);
            var to = (int)((long)maxDoc * (s + 1) / slices);
            var top = new TopHits(capacity);
            var segment = new SegmentMaxScore(similarity, sliceCounters[s] = counters is null ? null : new MaxScoreCounters());
            for (var l = 0; l < leaves.Count; l++)
            {
                var leaf = leaves[l];
                var start = Math.Max(from - leaf.DocBase, 0);
                var end = Math.Min(to - leaf.DocBase, leaf.AtomicReader.MaxDoc);
                if (start < end && accepted[l] is { } accept)
                {
                    segment.Search(leaf, clauses, accept, start, end, top, bar);
                }
            }

            partial[s] = top.ToScoreDocs();
        });
        foreach (var c in sliceCounters)
        {
            counters?.Add(c!);
        }

        var merged = partial.SelectMany(p => p).ToArray();
        Array.Sort(merged, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        return merged.Length <= capacity ? merged : merged[..capacity];
    }

    private static ScoreDoc[] SearchLeaves(Similarity similarity, IList<AtomicReaderContext> leaves, TermClause[] clauses, KindFilter? kinds, Filter? filter, int capacity, MaxScoreCounters? counters)
    {
        var top = new TopHits(capacity);
        var segment = new SegmentMaxScore(similarity, counters);
        foreach (var leaf in leaves)
        {
            if (SegmentMaxScore.AcceptedDocs(leaf, kinds, filter) is { } accept)
            {
                segment.Search(leaf, clauses, accept, 0, leaf.AtomicReader.MaxDoc, top, bar: null);
            }
        }

        return top.ToScoreDocs();
    }

    /// <summary>A term's scoring weight and, from the same statistics, the BM25 weight its bounds are scored with.</summary>
    internal static TermClause CreateClause(IndexSearcher searcher, TermQuery termQuery, Dictionary<string, CollectionStatistics> fieldStatistics)
    {
        var term = termQuery.Term;
        if (!fieldStatistics.TryGetValue(term.Field, out var collection))
        {
            collection = searcher.CollectionStatistics(term.Field);
            fieldStatistics[term.Field] = collection;
        }

        // TermContext sums these per segment for the term's Weight; the frontiers hold the same per-segment figures.
        long docFreq = 0, totalTermFreq = 0;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var frontier = TermFrontier.For(leaf.AtomicReader, term);
            docFreq += frontier.DocFreq;
            totalTermFreq += frontier.TotalTermFreq;
        }

        // As IndexSearcher.CreateNormalizedWeight does: BM25 ignores the query norm and the top-level boost is 1.
        var simWeight = searcher.Similarity.ComputeWeight(termQuery.Boost, collection, new TermStatistics(term.Bytes, docFreq, totalTermFreq));
        simWeight.Normalize(1f, 1f);
        return new TermClause(term, searcher.CreateNormalizedWeight(termQuery), simWeight, docFreq);
    }

    /// <summary>The term queries of a pure disjunction (SHOULD clauses only, coord off, no boost on the boolean query), or null.</summary>
    private static List<TermQuery>? TermClauses(Query query)
    {
        if (query.GetType() == typeof(TermQuery))
        {
            return [(TermQuery)query];
        }

        if (query.GetType() != typeof(BooleanQuery))
        {
            return null;
        }

        var boolean = (BooleanQuery)query;
        if (boolean.Boost != 1f || boolean.MinimumNumberShouldMatch != 0 || (!boolean.CoordDisabled && boolean.Clauses.Count > 1) || boolean.Clauses.Count == 0)
        {
            return null;
        }

        var terms = new List<TermQuery>(boolean.Clauses.Count);
        foreach (var clause in boolean.Clauses)
        {
            if (clause.Occur != Occur.SHOULD || clause.Query.GetType() != typeof(TermQuery))
            {
                return null;
            }

            terms.Add((TermQuery)clause.Query);
        }

        return terms;
    }
}

/// <summary>One term of the disjunction: its term, its normalised weight from the searcher (which scores), and the BM25
/// statistics of that weight (which bound: they score a norm byte and frequency without a postings iterator), and its
/// document frequency over the searcher's segments (the work it costs).</summary>
internal sealed record TermClause(Term Term, Weight Weight, Similarity.SimWeight Bounds, long DocFreq);

/// <summary>
/// The pruning bar shared by the ranges of a split search: the highest k-th best score any range has kept. Only
/// raised; read and written without locks (a stale read only prunes less).
/// </summary>
internal sealed class SharedBar
{
    private int _bits = BitConverter.SingleToInt32Bits(float.NegativeInfinity);

    /// <summary>The current bar.</summary>
    public float Value => BitConverter.Int32BitsToSingle(Volatile.Read(ref _bits));

    /// <summary>Raises the bar to <paramref name="score"/> when that is higher.</summary>
    public void Raise(float score)
    {
        var seen = Volatile.Read(ref _bits);
        while (score > BitConverter.Int32BitsToSingle(seen))
        {
            var found = Interlocked.CompareExchange(ref _bits, BitConverter.SingleToInt32Bits(score), seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }
}

/// <summary>What one pruned search did, summed over segments (for tests and profiles).</summary>
internal sealed class MaxScoreCounters
{
    /// <summary>Postings of essential terms scored into windows.</summary>
    public long EssentialPostings { get; set; }

    /// <summary>Documents that reached the candidate stage (matched an essential term).</summary>
    public long Candidates { get; set; }

    /// <summary>Candidates dropped before all their terms were added (their bound fell below the threshold).</summary>
    public long Pruned { get; set; }

    /// <summary>Windows of document ids scored.</summary>
    public long Windows { get; set; }

    /// <summary>Adds another search's (or group's) counts.</summary>
    public void Add(MaxScoreCounters other)
    {
        EssentialPostings += other.EssentialPostings;
        Candidates += other.Candidates;
        Pruned += other.Pruned;
        Windows += other.Windows;
    }
}
