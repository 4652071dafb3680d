using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// What one read of one tenant sees: a searcher over a single consistent snapshot of the public partition and the
/// tenant's own (acquired together, released together on <see cref="Dispose"/>). Every read path — match, get, teams,
/// challenge lists, subscriptions, statistics — goes through a scope, so every statistic, normaliser and evidence link
/// is computed over what the tenant may see and nothing else.
/// </summary>
internal sealed class SearchScope : IDisposable
{
    private Action? _release;

    public SearchScope(string tenant, IndexSearcher searcher, string indexName, Action release, Analysis.SmartCnTextAnalyzer analyzer, int searchThreads = 1)
    {
        Analyzer = analyzer;
        SearchThreads = searchThreads;
        Tenant = tenant;
        Searcher = searcher;
        IndexName = indexName;
        _release = release;
    }

    /// <summary>The index's analyzer (stored tokens are read against its normalised text).</summary>
    public Analysis.SmartCnTextAnalyzer Analyzer { get; }

    /// <summary>The most threads one retrieval may use (<see cref="LuceneMatchIndexOptions.SearchThreadsPerQuery"/>).</summary>
    public int SearchThreads { get; }

    /// <summary>The caller's tenant.</summary>
    public string Tenant { get; }

    /// <summary>The searcher (BM25) over the snapshot.</summary>
    public IndexSearcher Searcher { get; }

    /// <summary>The snapshot's reader.</summary>
    public IndexReader Reader => Searcher.IndexReader;

    /// <summary>The index's name, for errors.</summary>
    public string IndexName { get; }

    /// <summary>Whether a stored document is visible to this scope's tenant (defence in depth behind the partitioning).</summary>
    public bool CanSee(Lucene.Net.Documents.Document stored) => TenantPartitioning.CanSee(stored, Tenant);

    /// <summary>
    /// The stored fields of a hit, or <see langword="null"/> for <paramref name="excludeId"/> (the query's own document)
    /// and — defence in depth behind the partitioning — for anything this scope's tenant may not see.
    /// </summary>
    public StoredDocument? Load(int doc, string? excludeId)
    {
        var stored = Searcher.Doc(doc);
        return string.Equals(stored.Get(IndexFields.Id), excludeId, StringComparison.Ordinal) || !CanSee(stored) ? null : new StoredDocument(stored, Analyzer);
    }

    /// <summary>A document by id, or <see langword="null"/> when absent or not visible.</summary>
    public MatchDocument? Get(string id)
    {
        var hits = Searcher.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
        if (hits.TotalHits == 0)
        {
            return null;
        }

        var stored = Searcher.Doc(hits.ScoreDocs[0].Doc);
        return CanSee(stored) ? DocumentMapper.FromLucene(stored) : null;
    }

    /// <summary>Several documents by id in one search (at most <paramref name="max"/> distinct ids); absent or invisible ones are left out.</summary>
    public Dictionary<string, MatchDocument> GetMany(IEnumerable<string> ids, int max)
    {
        var found = new Dictionary<string, MatchDocument>(StringComparer.Ordinal);
        var distinct = ids.Distinct(StringComparer.Ordinal).Take(max).ToArray();
        if (distinct.Length == 0)
        {
            return found;
        }

        var query = new BooleanQuery();
        foreach (var id in distinct)
        {
            query.Add(new TermQuery(new Term(IndexFields.Id, id)), Occur.SHOULD);
        }

        foreach (var hit in Searcher.Search(new ConstantScoreQuery(query), distinct.Length).ScoreDocs)
        {
            var stored = Searcher.Doc(hit.Doc);
            if (CanSee(stored))
            {
                var document = DocumentMapper.FromLucene(stored);
                found[document.Id] = document;
            }
        }

        return found;
    }

    /// <summary>Releases the snapshot; idempotent.</summary>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
