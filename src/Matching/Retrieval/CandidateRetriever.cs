using Lucene.Net.Index;
using Lucene.Net.Search;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval.Pruning;

namespace Quanzhou.Matching.Retrieval;

/// <summary>Builds BM25 queries from analysed terms (user text is never parsed as query syntax) plus filters, and runs them.</summary>
internal static class CandidateRetriever
{
    /// <summary>
    /// The fused (or single-field) BM25 query. Terms absent from the index are left out (they cannot match), and so are
    /// the commonest bigrams beyond <see cref="RetrievalWeights.MaxBigrams"/> and words found in more than
    /// <see cref="RetrievalWeights.MaxWordDocumentShare"/> of the documents: they add little to any score but
    /// walk long posting lists (docs/articles/performance.md gives the measured effect on quality and latency).
    /// </summary>
    public static Query? BuildTextQuery(QueryTerms terms, CandidateRetrieval mode, QueryTermStatistics stats)
    {
        var query = new BooleanQuery(disableCoord: true);
        if (mode is CandidateRetrieval.Fused or CandidateRetrieval.Words)
        {
            // Small indexes keep every word: there a word in half the documents is not "near-universal", and searching is cheap.
            var maxDf = stats.MaxDoc < RetrievalWeights.MinDocumentsForWordPruning ? int.MaxValue : (int)Math.Ceiling(stats.MaxDoc * RetrievalWeights.MaxWordDocumentShare);
            AddTerms(query, TextField.Words, terms.Words, stats.Words, mode == CandidateRetrieval.Fused ? RetrievalWeights.Words : 1f, RetrievalWeights.MaxTermsPerField, maxDf);
        }

        if (mode is CandidateRetrieval.Fused or CandidateRetrieval.Bigrams)
        {
            var limit = mode == CandidateRetrieval.Fused ? RetrievalWeights.MaxBigrams : RetrievalWeights.MaxTermsPerField;
            AddTerms(query, TextField.Bigrams, terms.Bigrams, stats.Bigrams, mode == CandidateRetrieval.Fused ? RetrievalWeights.Bigrams : 1f, limit, int.MaxValue);
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>
    /// The text query restricted to <paramref name="kinds"/> and the options' industry, region and maturity filters.
    /// Visibility needs no restriction: the searcher reads only the public partition and the caller's own
    /// (<see cref="Search"/> re-checks each hit). Kinds are applied as the scorer's accepted documents, not as a
    /// <see cref="Filter"/> (which would force Lucene's slower in-order scorer); the rarer metadata filters are.
    /// </summary>
    public static (Query Query, Filter? Filter) Restrict(Query textQuery, MatchOptions options, IEnumerable<DocumentKind> kinds) =>
        (KindFilter.For(kinds).Restrict(textQuery), MetadataFilter(options));

    /// <summary>The options' industry, region and maturity filters as one filter; <see langword="null"/> when none is set.</summary>
    public static Filter? MetadataFilter(MatchOptions options)
    {
        var extra = new BooleanQuery();
        if (options.IndustryTags is { Count: > 0 } tags)
        {
            extra.Add(IndexQueries.AnyIndustry(tags), Occur.MUST);
        }

        if (options.Regions is { Count: > 0 } regions)
        {
            extra.Add(IndexQueries.AnyRegion(regions), Occur.MUST);
        }

        if (options.MinMaturity is not null || options.MaxMaturity is not null)
        {
            extra.Add(IndexQueries.MaturityBetween(options.MinMaturity?.Level ?? 1, options.MaxMaturity?.Level ?? 9), Occur.MUST);
        }

        return extra.Clauses.Count == 0 ? null : new QueryWrapperFilter(extra);
    }

    /// <summary>
    /// The top <paramref name="count"/> hits of the scope with their stored fields, leaving out <paramref name="excludeId"/>
    /// (the query's own document) and — defence in depth behind the partitioning — anything the scope's tenant may not see.
    /// </summary>
    public static List<Candidate> Search(SearchScope scope, (Query Query, Filter? Filter) restricted, int count, string? excludeId)
    {
        var searcher = scope.Searcher;
        var n = excludeId is null ? count : count + 1;
        var hits = MaxScoreSearch.TrySearch(searcher, restricted.Query, restricted.Filter, n, slices: MaxScoreSearch.Auto, maxAutoSlices: scope.SearchThreads) ?? searcher.Search(restricted.Query, restricted.Filter, n).ScoreDocs;
        var result = new List<Candidate>(Math.Min(count, hits.Length));
        foreach (var hit in hits)
        {
            if (result.Count == count)
            {
                break;
            }

            if (scope.Load(hit.Doc, excludeId) is { } stored)
            {
                result.Add(new Candidate(hit.Doc, hit.Score, stored));
            }
        }

        return result;
    }

    private static void AddTerms(BooleanQuery query, TextField field, string[] terms, TermContext[] contexts, float boost, int limit, int maxDocFreq)
    {
        // The rarest terms first; ties keep the query's order. A term too common to matter is still kept when it is
        // the only one of the field, so a one-word query always finds something.
        var selected = Enumerable.Range(0, terms.Length)
            .Where(i => contexts[i].DocFreq > 0)
            .OrderBy(i => contexts[i].DocFreq).ThenBy(i => i)
            .ToList();
        var informative = selected.Where(i => contexts[i].DocFreq <= maxDocFreq).Take(limit).ToList();
        foreach (var i in informative.Count > 0 ? informative : selected.Take(1))
        {
            query.Add(new TermQuery(field.Term(terms[i]), contexts[i]) { Boost = boost }, Occur.SHOULD);
        }
    }
}
