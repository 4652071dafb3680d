using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;
using Quanzhou.Matching.Retrieval.Pruning;

namespace Quanzhou.Matching.Tests.Retrieval.Pruning;

/// <summary>Pruned top-k equals Lucene's exhaustive top-k: the same documents in the same order with the same float scores.</summary>
public sealed class MaxScoreSearchTests(PruningIndexFixture fixture) : IClassFixture<PruningIndexFixture>
{
    private static readonly int[] Ks = [1, 10, 100, 1000];

    [Theory]
    [InlineData(MatchDocument.DefaultTenant, 1)]
    [InlineData(MatchDocument.DefaultTenant, 2)]
    [InlineData(PruningIndexFixture.Tenant, 3)]
    [InlineData(PruningIndexFixture.Tenant, 4)]
    public void TrySearch_RandomDisjunctions_EqualExhaustiveTopK(string tenant, int seed)
    {
        fixture.Index.WithSearcher(tenant, searcher =>
        {
            Assert.True(searcher.IndexReader.Leaves.Count >= 4, $"{searcher.IndexReader.Leaves.Count} segments");
            Assert.True(searcher.IndexReader.HasDeletions);
            var words = Vocabulary(searcher.IndexReader, IndexFields.Words);
            var bigrams = Vocabulary(searcher.IndexReader, IndexFields.Bigrams);
            var industries = Vocabulary(searcher.IndexReader, IndexFields.Industry).Select(t => t.Term.Text).ToArray();
            var random = new Random(seed);
            for (var q = 0; q < 100; q++)
            {
                var text = RandomDisjunction(random, words, bigrams);
                var k = Ks[random.Next(Ks.Length)];
                var options = new MatchOptions();
                if (random.Next(3) == 0)
                {
                    options.IndustryTags = [industries[random.Next(industries.Length)], industries[random.Next(industries.Length)]];
                }

                if (random.Next(3) == 0)
                {
                    options.MinMaturity = Maturity.FromTrl(1 + random.Next(5));
                }

                DocumentKind[][] kindChoices = [[DocumentKind.Achievement], [DocumentKind.Need, DocumentKind.Expert], Enum.GetValues<DocumentKind>()];
                var (query, filter) = random.Next(4) == 0 ? (text, null) : CandidateRetriever.Restrict(text, options, kindChoices[random.Next(kindChoices.Length)]);
                AssertSameTopK(searcher, query, filter, k, $"query {q} (seed {seed}, k {k}): {query}");
            }

            return 0;
        });
    }

    [Fact]
    public async Task TrySearch_SlicesOfOneMergedSegment_EqualExhaustiveTopK()
    {
        // A merged index has one segment: a split search cuts it into ranges of document ids, which share a pruning bar.
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync(fixture.Demo);
        await index.DeleteAsync(fixture.Demo[3].Id, fixture.Demo[3].Tenant);
        await index.ForceMergeAsync();
        index.WithSearcher(MatchDocument.DefaultTenant, searcher =>
        {
            Assert.Single(searcher.IndexReader.Leaves);
            var words = Vocabulary(searcher.IndexReader, IndexFields.Words);
            var bigrams = Vocabulary(searcher.IndexReader, IndexFields.Bigrams);
            var random = new Random(7);
            for (var q = 0; q < 60; q++)
            {
                var query = RandomDisjunction(random, words, bigrams);
                var k = Ks[random.Next(Ks.Length)];
                var (restricted, filter) = random.Next(2) == 0 ? (query, null) : CandidateRetriever.Restrict(query, new MatchOptions(), [DocumentKind.Achievement, DocumentKind.Need]);
                AssertSameTopK(searcher, restricted, filter, k, $"query {q} (k {k}): {restricted}");
                var expected = searcher.Search(restricted, filter, k).ScoreDocs;
                var slices = 4 + random.Next(60);
                AssertSame(expected, MaxScoreSearch.TrySearch(searcher, restricted, filter, k, slices: slices)!, $"query {q} (k {k}, {slices} slices)");
                AssertSame(expected, MaxScoreSearch.TrySearch(searcher, restricted, filter, k, slices: MaxScoreSearch.Auto, maxAutoSlices: 2)!, $"query {q} (k {k}, auto)");
            }

            return 0;
        });
    }

    [Fact]
    public void TrySearch_WithFrequencyBoundsOnly_EqualsExhaustiveTopK()
    {
        // The bounds used while a long postings list is still being read in the background: looser, still exact results.
        SegmentMaxScore.FrequencyBoundsOnly = true;
        try
        {
            TrySearch_RandomDisjunctions_EqualExhaustiveTopK(PruningIndexFixture.Tenant, 5);
            TrySearch_FusedQueriesOfTheDemoNeeds_EqualExhaustiveTopK();
        }
        finally
        {
            SegmentMaxScore.FrequencyBoundsOnly = false;
        }
    }

    [Fact]
    public void TrySearch_FusedQueriesOfTheDemoNeeds_EqualExhaustiveTopK()
    {
        fixture.Index.WithSearcher(PruningIndexFixture.Tenant, searcher =>
        {
            foreach (var need in fixture.Demo.OfType<TechNeed>())
            {
                var terms = QueryTerms.Create(need.GetSearchText(), fixture.Index.Analyzer);
                var stats = new QueryTermStatistics(terms, searcher.IndexReader);
                var text = CandidateRetriever.BuildTextQuery(terms, CandidateRetrieval.Fused, stats);
                Assert.NotNull(text);
                var restricted = CandidateRetriever.Restrict(text, new MatchOptions(), [DocumentKind.Achievement]);
                foreach (var k in Ks)
                {
                    AssertSameTopK(searcher, restricted.Query, restricted.Filter, k, $"{need.Id} k {k}");
                }
            }

            return 0;
        });
    }

    [Fact]
    public void TrySearch_TopTenOfFusedQueries_ScoresFewerDocumentsThanMatch()
    {
        fixture.Index.WithSearcher(MatchDocument.DefaultTenant, searcher =>
        {
            var counters = new MaxScoreCounters();
            long matching = 0;
            foreach (var need in fixture.Demo.OfType<TechNeed>())
            {
                var terms = QueryTerms.Create(need.GetSearchText(), fixture.Index.Analyzer);
                var text = CandidateRetriever.BuildTextQuery(terms, CandidateRetrieval.Fused, new QueryTermStatistics(terms, searcher.IndexReader))!;
                var restricted = CandidateRetriever.Restrict(text, new MatchOptions(), [DocumentKind.Achievement]);
                matching += searcher.Search(restricted.Query, restricted.Filter, 10).TotalHits;
                Assert.NotNull(MaxScoreSearch.TrySearch(searcher, restricted.Query, restricted.Filter, 10, counters));
            }

            // Not a speed assertion: proof that the pruned path skips documents, so the equality tests are not vacuous.
            Assert.True(counters.Pruned > 0, "no candidate was pruned");
            Assert.True(counters.Candidates < matching, $"{counters.Candidates} candidates of {matching} matching documents");
            return 0;
        });
    }

    [Fact]
    public void Bound_OfEveryTermInEverySegment_IsTheHighestScoreOfItsPostings()
    {
        fixture.Index.WithSearcher(PruningIndexFixture.Tenant, searcher =>
        {
            var random = new Random(7);
            var statistics = new Dictionary<string, CollectionStatistics>(StringComparer.Ordinal);
            var terms = Vocabulary(searcher.IndexReader, IndexFields.Words).Take(300).Concat(Vocabulary(searcher.IndexReader, IndexFields.Bigrams).Take(300))
                .Concat(Vocabulary(searcher.IndexReader, IndexFields.Words).Skip(300).Where(_ => random.Next(20) == 0));
            var checkedPairs = 0;
            foreach (var (term, _) in terms)
            {
                var clause = MaxScoreSearch.CreateClause(searcher, new TermQuery(term) { Boost = (float)(0.1 + random.NextDouble()) }, statistics);
                foreach (var leaf in searcher.IndexReader.Leaves)
                {
                    var scorer = clause.Weight.GetScorer(leaf, null);
                    if (scorer is null)
                    {
                        continue;
                    }

                    var max = 0f;
                    while (scorer.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        max = Math.Max(max, scorer.GetScore());
                    }

                    var bound = SegmentMaxScore.Bound(searcher.Similarity, leaf, clause);
                    Assert.True(SegmentMaxScore.HasFrontier(leaf, term));
                    Assert.True(bound >= max && bound <= max * (1 + 1e-6), $"{term} in segment {leaf.Ord}: bound {bound:R}, highest score {max:R}");
                    SegmentMaxScore.FrequencyBoundsOnly = true;
                    var loose = SegmentMaxScore.Bound(searcher.Similarity, leaf, clause);
                    SegmentMaxScore.FrequencyBoundsOnly = false;
                    Assert.True(loose >= max, $"{term} in segment {leaf.Ord}: frequency bound {loose:R}, highest score {max:R}");
                    checkedPairs++;
                }
            }

            Assert.True(checkedPairs > 1000, $"{checkedPairs} (term, segment) pairs");
            return 0;
        });
    }

    [Fact]
    public void TrySearch_QueryThatIsNotAPureDisjunction_Declines()
    {
        fixture.Index.WithSearcher(MatchDocument.DefaultTenant, searcher =>
        {
            var required = new BooleanQuery(disableCoord: true)
            {
                { new TermQuery(new Term(IndexFields.Words, "防水")), Occur.MUST },
                { new TermQuery(new Term(IndexFields.Words, "膜")), Occur.SHOULD },
            };
            var phrase = new BooleanQuery(disableCoord: true) { { new PhraseQuery { new Term(IndexFields.Words, "防水"), new Term(IndexFields.Words, "膜") }, Occur.SHOULD } };
            Assert.Null(MaxScoreSearch.TrySearch(searcher, required, null, 10));
            Assert.Null(MaxScoreSearch.TrySearch(searcher, phrase, null, 10));
            return 0;
        });
    }

    [Fact]
    public async Task MatchAsync_WithPruning_ReturnsTheExhaustiveResults()
    {
        var learned = new MatchEngine(fixture.Index);
        var bm25 = new MatchEngine(fixture.Index, Bm25MatchRanker.Instance);
        var requests = fixture.Demo.OfType<TechNeed>().Take(25).Select(n => MatchRequest.ForId(n.Id, n.Tenant))
            .Concat(fixture.Demo.OfType<TechAchievement>().Take(10).Select(a => MatchRequest.ForText(a.Title)));
        foreach (var request in requests)
        {
            foreach (var (engine, options) in new[] { (learned, new MatchOptions()), (bm25, new MatchOptions { Top = 100, CandidatePoolSize = 300 }), (learned, new MatchOptions { IndustryTags = ["shoes"], MinMaturity = Maturity.FromTrl(3) }) })
            {
                var pruned = await engine.MatchAsync(request, options);
                var exhaustive = await Exhaustively(() => engine.MatchAsync(request, options));
                Assert.Equal(exhaustive.Items.Select(i => (i.Id, i.Score)), pruned.Items.Select(i => (i.Id, i.Score)));
            }
        }
    }

    private static async Task<T> Exhaustively<T>(Func<Task<T>> run)
    {
        MaxScoreSearch.Exhaustive.Value = true;
        try
        {
            return await run();
        }
        finally
        {
            MaxScoreSearch.Exhaustive.Value = false;
        }
    }

    private static void AssertSameTopK(IndexSearcher searcher, Query query, Filter? filter, int k, string because)
    {
        var expected = searcher.Search(query, filter, k).ScoreDocs;
        var actual = MaxScoreSearch.TrySearch(searcher, query, filter, k);
        Assert.NotNull(actual);
        AssertSame(expected, actual, because);
        AssertSame(expected, MaxScoreSearch.TrySearch(searcher, query, filter, k, slices: 2)!, because + " (2 slices)");
        AssertSame(expected, MaxScoreSearch.TrySearch(searcher, query, filter, k, slices: 3)!, because + " (3 slices)");
    }

    private static void AssertSame(ScoreDoc[] expected, ScoreDoc[] actual, string because)
    {
        Assert.True(expected.Length == actual.Length, $"{because}: {actual.Length} hits, expected {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                expected[i].Doc == actual[i].Doc && BitConverter.SingleToInt32Bits(expected[i].Score) == BitConverter.SingleToInt32Bits(actual[i].Score),
                $"{because}: rank {i} is doc {actual[i].Doc} score {actual[i].Score:R}, expected doc {expected[i].Doc} score {expected[i].Score:R}");
        }
    }

    /// <summary>A fused-style disjunction over random indexed terms: mostly rare ones, some common, duplicates possible, random boosts.</summary>
    private static BooleanQuery RandomDisjunction(Random random, List<(Term Term, int Df)> words, List<(Term Term, int Df)> bigrams)
    {
        var query = new BooleanQuery(disableCoord: true);
        var clauses = random.Next(4) switch { 0 => 1 + random.Next(3), 1 => 5 + random.Next(20), _ => 20 + random.Next(120) };
        float[] boosts = [1f, 0.5f, (float)(0.05 + (random.NextDouble() * 3))];
        var wordBoost = boosts[random.Next(boosts.Length)];
        var bigramBoost = boosts[random.Next(boosts.Length)];
        for (var i = 0; i < clauses; i++)
        {
            var (source, boost) = random.Next(2) == 0 ? (words, wordBoost) : (bigrams, bigramBoost);

            // Half the draws from the commonest tenth of the vocabulary: long postings are what pruning has to skip.
            var term = random.Next(2) == 0 ? source[random.Next(Math.Max(1, source.Count / 10))] : source[random.Next(source.Count)];
            query.Add(new TermQuery(term.Term) { Boost = random.Next(8) == 0 ? (float)(0.1 + random.NextDouble()) : boost }, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>The field's terms, commonest first.</summary>
    private static List<(Term Term, int Df)> Vocabulary(IndexReader reader, string field)
    {
        var terms = new List<(Term, int)>();
        var termsEnum = MultiFields.GetTerms(reader, field)?.GetEnumerator();
        while (termsEnum is not null && termsEnum.MoveNext())
        {
            terms.Add((new Term(field, BytesRef.DeepCopyOf(termsEnum.Term)), termsEnum.DocFreq));
        }

        return [.. terms.OrderByDescending(t => t.Item2).ThenBy(t => t.Item1.Text, StringComparer.Ordinal)];
    }
}
