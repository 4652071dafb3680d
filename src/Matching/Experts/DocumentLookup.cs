using Lucene.Net.Index;
using Lucene.Net.Search;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Experts;

/// <summary>Reads several stored documents by id in one searcher call (visibility respected).</summary>
internal static class DocumentLookup
{
    public static Dictionary<string, MatchDocument> GetMany(LuceneMatchIndex index, IEnumerable<string> ids, string tenant)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).Take(ExpertEvidence.MaxLinked).ToArray();
        if (distinct.Length == 0)
        {
            return new Dictionary<string, MatchDocument>(StringComparer.Ordinal);
        }

        return index.WithSearcher(tenant, searcher =>
        {
            var query = new BooleanQuery();
            foreach (var id in distinct)
            {
                query.Add(new TermQuery(new Term(IndexFields.Id, id)), Occur.SHOULD);
            }

            var found = new Dictionary<string, MatchDocument>(StringComparer.Ordinal);
            foreach (var hit in searcher.Search(new ConstantScoreQuery(query), distinct.Length).ScoreDocs)
            {
                var document = DocumentMapper.FromLucene(searcher.Doc(hit.Doc));
                if (document.IsVisibleTo(tenant))
                {
                    found[document.Id] = document;
                }
            }

            return found;
        });
    }
}
