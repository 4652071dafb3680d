using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Quanzhou.Matching.Indexing;

/// <summary>Queries over the index's metadata fields, so that retrieval, experts and filters need not know the field layout.</summary>
internal static class IndexQueries
{
    /// <summary>Documents tagged with any of the industry tags (compared lower-case, as indexed).</summary>
    public static Query AnyIndustry(IEnumerable<string> tags) => AnyOf(IndexFields.Industry, tags.Select(t => t.Trim().ToLowerInvariant()));

    /// <summary>Documents of any of the regions (compared lower-case, as indexed).</summary>
    public static Query AnyRegion(IEnumerable<string> regions) => AnyOf(IndexFields.Region, regions.Select(r => r.Trim().ToLowerInvariant()));

    /// <summary>Documents whose maturity level lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Query MaturityBetween(int min, int max) => NumericRangeQuery.NewInt32Range(IndexFields.Trl, min, max, true, true);

    /// <summary>The achievements among <paramref name="ids"/>.</summary>
    public static Query AchievementsWithIds(IEnumerable<string> ids) => new BooleanQuery
    {
        { new TermQuery(KindTerm(DocumentKind.Achievement)), Occur.MUST },
        { AnyOf(IndexFields.Id, ids), Occur.MUST },
    };

    /// <summary>The term that marks documents of a kind.</summary>
    public static Term KindTerm(DocumentKind kind) => new(IndexFields.Kind, IndexFields.KindValue(kind));

    /// <summary>The field that holds the kind terms.</summary>
    public const string KindField = IndexFields.Kind;

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
