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
    /// above 1 the segments are split into that many groups of about equal size, searched in parallel (each group's exact
    /// top k, its segments in order) and merged by score and document id: the same hits, whatever the thread timing.
    /// </summary>
    public static ScoreDoc[]? TrySearch(IndexSearcher searcher, Query query, Filter? filter, int count, MaxScoreCounters? counters = null, int slices = 1)
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
        if (slices <= 1 || leaves.Count < 2)
        {
            return SearchLeaves(searcher.Similarity, leaves, clauses, kinds, filter, capacity, counters);
        }

        // Greedy balance by size: the largest segment to the lightest group; each group keeps reader order.
        var groups = Enumerable.Range(0, Math.Min(slices, leaves.Count)).Select(_ => new List<AtomicReaderContext>()).ToArray();
        var sizes = new long[groups.Length];
        foreach (var leaf in leaves.OrderByDescending(l => l.AtomicReader.MaxDoc).ThenBy(l => l.Ord))
        {
            var lightest = Array.IndexOf(sizes, sizes.Min());
            groups[lightest].Add(leaf);
            sizes[lightest] += leaf.AtomicReader.MaxDoc;
        }

        var partial = new ScoreDoc[groups.Length][];
        var groupCounters = groups.Select(_ => counters is null ? null : new MaxScoreCounters()).ToArray();
        var similarity = searcher.Similarity;
        Parallel.For(0, groups.Length, g =>
        {
            var ordered = groups[g].OrderBy(l => l.DocBase).ToList();
            partial[g] = SearchLeaves(similarity, ordered, clauses, kinds, filter, capacity, groupCounters[g]);
        });
        foreach (var c in groupCounters)
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
            segment.Search(leaf, clauses, kinds, filter, top);
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
        return new TermClause(term, searcher.CreateNormalizedWeight(termQuery), simWeight);
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
/// statistics of that weight (which bound: they score a norm byte and frequency without a postings iterator).</summary>
internal sealed record TermClause(Term Term, Weight Weight, Similarity.SimWeight Bounds);

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
