using System.Diagnostics;
using System.Text.Json.Nodes;
using Lucene.Net.Search;
using Quanzhou.Matching.Benchmarks.Data;
using Quanzhou.Matching.Benchmarks.Micro;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval;
using Quanzhou.Matching.Retrieval.Pruning;

namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>
/// Where retrieval time goes, stage by stage, on one thread (mean ms per query): query analysis, the fused
/// words + bigrams query with and without the kind/visibility filter, reading the candidates' stored documents,
/// words-only and bigrams-only queries, and the raw SmartCn query the Java peer runs. Names the bottleneck.
/// </summary>
internal static class RetrievalProfile
{
    private const int Top = 100;

    /// <summary>The candidate pool the learned ranker rescores (as <c>MatchOptions.CandidatePoolSize</c> by default).</summary>
    private const int Pool = 200;

    public static async Task<int> RunCommandAsync(IReadOnlyList<string> args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var indexPath = Arg("--index");
        if (indexPath is null || !System.IO.Directory.Exists(indexPath))
        {
            await Console.Error.WriteLineAsync($"--retrieval-profile needs --index DIR of an existing library index (got '{indexPath}').");
            return 2;
        }

        var queriesPath = Arg("--queries") ?? BenchmarkData.DefaultQueries;
        if (!File.Exists(queriesPath))
        {
            await Console.Error.WriteLineAsync($"--queries: no such file: {queriesPath}");
            return 2;
        }

        var sample = BenchmarkQuery.Sample(BenchmarkQuery.ReadFile(queriesPath), int.Parse(Arg("--sample") ?? "100", System.Globalization.CultureInfo.InvariantCulture), 42);
        using var index = LuceneMatchIndex.Open(indexPath);
        index.Analyzer.Warmup();
        var result = Run(index, indexPath, sample);
        result["index_docs"] = index.Read(MatchDocument.DefaultTenant, "benchmark", scope => scope.Reader.NumDocs);
        Console.WriteLine(result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    public static JsonObject Run(LuceneMatchIndex index, string indexPath, IReadOnlyList<BenchmarkQuery> queries)
    {
        using var raw = new RawLuceneSearch(indexPath);
        var options = new MatchOptions { Top = Top, CandidatePoolSize = Top, IncludeExplanations = false };
        var kinds = MatchRequest.TargetKindsFor(DocumentKind.Need);
        // What a library would do: build the (query-independent) filter once and cache its bit sets per segment.
        var cachedFilter = new CachingWrapperFilter(LegacyFilter(kinds));
        var bitSetFilter = new BitSetCachingFilter(LegacyFilter(kinds));

        var stages = new Dictionary<string, double>(StringComparer.Ordinal);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var pass = 0; pass < 2; pass++)
        {
            stages.Clear();
            counts.Clear();
            foreach (var q in queries)
            {
                var clock = Stopwatch.StartNew();
                var terms = QueryTerms.Create(q.Text, index.Analyzer);
                Add(stages, "analyse_query", clock);
                Add(counts, "word_terms", terms.Words.Length);
                Add(counts, "bigram_terms", terms.Bigrams.Length);
                index.Read(MatchDocument.DefaultTenant, "benchmark", scope =>
                {
                    var s = scope.Searcher;
                    clock.Restart();
                    var fused = CandidateRetriever.BuildTextQuery(terms, CandidateRetrieval.Fused, new QueryTermStatistics(terms, s.IndexReader));
                    var filter = LegacyFilter(kinds);
                    Add(stages, "build_query_and_filter", clock);
                    if (fused is null)
                    {
                        return 0;
                    }

                    clock.Restart();
                    var top = s.Search(fused, Top);
                    Add(stages, "search_fused_no_filter", clock);
                    Add(counts, "fused_total_hits", top.TotalHits);
                    clock.Restart();
                    top = s.Search(fused, filter, Top);
                    Add(stages, "search_fused_with_filter", clock);
                    clock.Restart();
                    var libraryTop = s.Search(CandidateRetriever.Restrict(fused, options, kinds).Query, Top);
                    Add(stages, "search_fused_restricted_to_kinds", clock);
                    Add(counts, "restricted_top100_overlap_with_filtered", libraryTop.ScoreDocs.Select(d => d.Doc).Intersect(top.ScoreDocs.Select(d => d.Doc)).Count());
                    Add(counts, "restricted_total_hits", libraryTop.TotalHits);
                    var restricted = CandidateRetriever.Restrict(fused, options, kinds).Query;
                    var pruningCounters = new MaxScoreCounters();
                    clock.Restart();
                    var prunedTop = MaxScoreSearch.TrySearch(s, restricted, null, Top, pruningCounters) ?? [];
                    Add(stages, "search_fused_restricted_to_kinds_maxscore", clock);
                    Add(counts, "maxscore_candidates", pruningCounters.Candidates);
                    Add(counts, "maxscore_essential_postings", pruningCounters.EssentialPostings);
                    Add(counts, "maxscore_pruned_candidates", pruningCounters.Pruned);
                    Add(counts, "maxscore_identical_to_exhaustive", prunedTop.Select(d => (d.Doc, d.Score)).SequenceEqual(libraryTop.ScoreDocs.Select(d => (d.Doc, d.Score))) ? 1 : 0);
                    clock.Restart();
                    _ = MaxScoreSearch.TrySearch(s, CandidateRetriever.Restrict(fused, options, kinds).Query, null, 1);
                    Add(stages, "search_fused_restricted_to_kinds_maxscore_top1", clock);
                    clock.Restart();
                    var cachedTop = s.Search(fused, cachedFilter, Top);
                    Add(stages, "search_fused_with_cached_filter", clock);
                    clock.Restart();
                    var bitSetTop = s.Search(fused, bitSetFilter, Top);
                    Add(stages, "search_fused_with_cached_bitset_filter", clock);
                    Add(counts, "bitset_filter_top100_overlap_with_filtered", bitSetTop.ScoreDocs.Select(d => d.Doc).Intersect(top.ScoreDocs.Select(d => d.Doc)).Count());
                    Add(counts, "cached_filter_top100_overlap_with_filtered", cachedTop.ScoreDocs.Select(d => d.Doc).Intersect(top.ScoreDocs.Select(d => d.Doc)).Count());
                    clock.Restart();
                    foreach (var hit in top.ScoreDocs)
                    {
                        _ = s.Doc(hit.Doc);
                    }

                    Add(stages, "read_stored_documents_100", clock);
                    clock.Restart();
                    foreach (var hit in top.ScoreDocs)
                    {
                        var visitor = new Lucene.Net.Documents.DocumentStoredFieldVisitor(IndexFields.Id);
                        s.Doc(hit.Doc, visitor);
                    }

                    Add(stages, "read_stored_id_only_100", clock);
                    clock.Restart();
                    foreach (var hit in top.ScoreDocs)
                    {
                        _ = DocumentMapper.FromLucene(s.Doc(hit.Doc));
                    }

                    Add(stages, "read_and_map_documents_100", clock);
                    clock.Restart();
                    var pool = CandidateRetriever.Search(scope, CandidateRetriever.Restrict(fused, options, kinds), Pool, null);
                    Add(stages, "match_stage_search_and_read_pool_200", clock);
                    clock.Restart();
                    var ctx = new QueryContext(terms, null, s, index.Analyzer.Lexicon);
                    Add(stages, "match_stage_feature_context", clock);
                    clock.Restart();
                    var set = new CandidateSet(ctx, pool, withFeedback: true);
                    Add(stages, "match_stage_feedback_model", clock);
                    clock.Restart();
                    var rows = set.Select(c => Quanzhou.Matching.Ranking.RankingFeatures.Compute(set, c)).ToArray();
                    Quanzhou.Matching.Ranking.RankingFeatures.NormalizeList(rows);
                    Add(stages, "match_stage_features_200", clock);
                    clock.Restart();
                    var input = new RankingInput(Quanzhou.Matching.Ranking.RankingFeatures.Names, pool.Select((c, i) => new RankingCandidate(c.Id, c.Score, rows[i])).ToArray(), 0);
                    _ = Quanzhou.Matching.Ranking.LearnedMatchRanker.Default.ScoreAsync(input).AsTask().GetAwaiter().GetResult();
                    Add(stages, "match_stage_learned_scoring_200", clock);
                    clock.Restart();
                    var words = CandidateRetriever.BuildTextQuery(terms, CandidateRetrieval.Words, new QueryTermStatistics(terms, s.IndexReader));
                    var wordsTop = words is null ? null : s.Search(words, Top);
                    Add(stages, "search_words_only_no_filter", clock);
                    Add(counts, "words_total_hits", wordsTop?.TotalHits ?? 0);
                    clock.Restart();
                    var bigrams = CandidateRetriever.BuildTextQuery(terms, CandidateRetrieval.Bigrams, new QueryTermStatistics(terms, s.IndexReader));
                    var bigramsTop = bigrams is null ? null : s.Search(bigrams, Top);
                    Add(stages, "search_bigrams_only_no_filter", clock);
                    Add(counts, "bigrams_total_hits", bigramsTop?.TotalHits ?? 0);
                    clock.Restart();
                    var pruned = Pruned(terms, s.IndexReader, RarestBigrams);
                    var fewerBigramsTop = s.Search(pruned, Top);
                    Add(stages, "search_fused_bigrams_pruned_no_filter", clock);
                    Add(counts, "pruned_total_hits", fewerBigramsTop.TotalHits);
                    Add(counts, "pruned_top100_overlap_with_fused", fewerBigramsTop.ScoreDocs.Select(d => d.Doc).Intersect(s.Search(fused, Top).ScoreDocs.Select(d => d.Doc)).Count());
                    return 0;
                });
                clock.Restart();
                var rawTop = raw.Searcher.Search(raw.Query(q.Text, IndexFields.Words), Top);
                foreach (var hit in rawTop.ScoreDocs)
                {
                    _ = raw.Id(hit.Doc);
                }

                Add(stages, "raw_smartcn_words_query_top100_ids", clock);
                Add(counts, "raw_total_hits", rawTop.TotalHits);
            }
        }

        var result = new JsonObject
        {
            ["what"] = "one thread, mean ms per query (second of two passes); counts are means per query",
            ["queries"] = queries.Count,
        };
        foreach (var (k, v) in stages)
        {
            result[k + "_ms"] = Math.Round(v / queries.Count, 3);
        }

        foreach (var (k, v) in counts)
        {
            result[k] = Math.Round(v / queries.Count, 1);
        }

        return result;
    }

    /// <summary>How many bigram clauses the pruned variant keeps (the rarest by document frequency).</summary>
    private const int RarestBigrams = 16;

    /// <summary>A query-side pruning candidate: every word, but only the rarest bigrams (same weights as the fused query).</summary>
    private static BooleanQuery Pruned(QueryTerms terms, Lucene.Net.Index.IndexReader reader, int bigrams)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var w in terms.Words)
        {
            query.Add(new TermQuery(new Lucene.Net.Index.Term(IndexFields.Words, w)) { Boost = RetrievalWeights.Words }, Occur.SHOULD);
        }

        foreach (var b in terms.Bigrams.Select(b => (b, df: reader.DocFreq(new Lucene.Net.Index.Term(IndexFields.Bigrams, b)))).Where(x => x.df > 0).OrderBy(x => x.df).Take(bigrams))
        {
            query.Add(new TermQuery(new Lucene.Net.Index.Term(IndexFields.Bigrams, b.b)) { Boost = RetrievalWeights.Bigrams }, Occur.SHOULD);
        }

        return query;
    }

    private static void Add(Dictionary<string, double> d, string key, Stopwatch clock) => Add(d, key, clock.Elapsed.TotalMilliseconds);

    private static void Add(Dictionary<string, double> d, string key, double value) => d[key] = d.GetValueOrDefault(key) + value;

    /// <summary>The per-query filter the library built before 2026-11-26 (kinds ∧ (public ∨ tenant) as a query), kept to show the before/after.</summary>
    private static QueryWrapperFilter LegacyFilter(IReadOnlyCollection<DocumentKind> kinds)
    {
        var anyKind = new BooleanQuery();
        foreach (var kind in kinds)
        {
            anyKind.Add(new TermQuery(new Lucene.Net.Index.Term(IndexFields.Kind, IndexFields.KindValue(kind))), Occur.SHOULD);
        }

        return new QueryWrapperFilter(new BooleanQuery
        {
            { anyKind, Occur.MUST },
            {
                new BooleanQuery
                {
                    { new TermQuery(new Lucene.Net.Index.Term(IndexFields.Visibility, "public")), Occur.SHOULD },
                    { new TermQuery(new Lucene.Net.Index.Term(IndexFields.Tenant, MatchDocument.DefaultTenant)), Occur.SHOULD },
                },
                Occur.MUST
            },
        });
    }

    /// <summary>
    /// A cached filter whose per-segment sets are <see cref="Lucene.Net.Util.FixedBitSet"/>s: they offer random-access
    /// bits, so the searcher can apply the filter as accepted documents instead of leap-frogging it (the default cache,
    /// a compressed WAH8 set, has no random access).
    /// </summary>
    private sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet CacheImpl(DocIdSetIterator iterator, Lucene.Net.Index.AtomicReader reader)
        {
            var bits = new Lucene.Net.Util.FixedBitSet(reader.MaxDoc);
            bits.Or(iterator);
            return bits;
        }
    }
}
