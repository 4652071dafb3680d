using Lucene.Net.Index;
using Lucene.Net.Search;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Retrieval;

/// <summary>Builds BM25 queries from analysed terms (user text is never parsed as query syntax) plus filters, and runs them.</summary>
internal static class CandidateRetriever
{
    public static Query? BuildTextQuery(QueryTerms terms, CandidateRetrieval mode, IndexReader reader)
    {
        var query = new BooleanQuery(disableCoord: true);
        if (mode is CandidateRetrieval.Fused or CandidateRetrieval.Words)
        {
            AddTerms(query, IndexFields.Words, terms.Words, mode == CandidateRetrieval.Fused ? RetrievalWeights.Words : 1f, reader);
        }

        if (mode is CandidateRetrieval.Fused or CandidateRetrieval.Bigrams)
        {
            AddTerms(query, IndexFields.Bigrams, terms.Bigrams, mode == CandidateRetrieval.Fused ? RetrievalWeights.Bigrams : 1f, reader);
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    public static Filter BuildFilter(MatchRequest request, MatchOptions options, IReadOnlyCollection<DocumentKind> kinds, string? excludeId)
    {
        var filter = new BooleanQuery
        {
            { AnyOf(IndexFields.Kind, kinds.Select(IndexFields.KindValue)), Occur.MUST },
            {
                new BooleanQuery
                {
                    { new TermQuery(new Term(IndexFields.Visibility, IndexFields.VisibilityValue(Visibility.Public))), Occur.SHOULD },
                    { new TermQuery(new Term(IndexFields.Tenant, request.Tenant)), Occur.SHOULD },
                },
                Occur.MUST
            },
        };
        if (options.IndustryTags is { Count: > 0 } tags)
        {
            filter.Add(AnyOf(IndexFields.Industry, tags.Select(t => t.Trim().ToLowerInvariant())), Occur.MUST);
        }

        if (options.Regions is { Count: > 0 } regions)
        {
            filter.Add(AnyOf(IndexFields.Region, regions.Select(r => r.Trim().ToLowerInvariant())), Occur.MUST);
        }

        if (options.MinMaturity is not null || options.MaxMaturity is not null)
        {
            filter.Add(NumericRangeQuery.NewInt32Range(IndexFields.Trl, options.MinMaturity?.Level ?? 1, options.MaxMaturity?.Level ?? 9, true, true), Occur.MUST);
        }

        if (excludeId is not null)
        {
            filter.Add(new TermQuery(new Term(IndexFields.Id, excludeId)), Occur.MUST_NOT);
        }

        return new QueryWrapperFilter(filter);
    }

    public static List<Candidate> Search(IndexSearcher searcher, Query textQuery, Filter filter, int count)
    {
        var top = searcher.Search(textQuery, filter, count);
        var result = new List<Candidate>(top.ScoreDocs.Length);
        foreach (var hit in top.ScoreDocs)
        {
            result.Add(new Candidate(hit.Doc, hit.Score, searcher.Doc(hit.Doc)));
        }

        return result;
    }

    private static void AddTerms(BooleanQuery query, string field, string[] terms, float boost, IndexReader reader)
    {
        IEnumerable<string> selected = terms;
        if (terms.Length > RetrievalWeights.MaxTermsPerField)
        {
            // Long texts: keep the rarest terms that occur at all (absent terms cannot match anything).
            selected = terms.Select(t => (t, df: reader.DocFreq(new Term(field, t))))
                .Where(x => x.df > 0).OrderBy(x => x.df).Take(RetrievalWeights.MaxTermsPerField).Select(x => x.t);
        }

        foreach (var term in selected)
        {
            query.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
        }
    }

    private static BooleanQuery AnyOf(string field, IEnumerable<string> values)
    {
        var q = new BooleanQuery();
        foreach (var v in values.Distinct(StringComparer.Ordinal))
        {
            q.Add(new TermQuery(new Term(field, v)), Occur.SHOULD);
        }

        return q;
    }
}
