using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Quanzhou.Matching.Benchmarks.Data;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// The raw Lucene.Net baseline for query-side benchmarks, over the library's own index: the query text analysed by a
/// plain <see cref="SmartChineseAnalyzer"/>, one SHOULD <see cref="TermQuery"/> per token on the word field (as
/// Lucene's QueryBuilder does), BM25, no normalisation, bigrams, filters or features.
/// </summary>
internal sealed class RawLuceneSearch : IDisposable
{
    private static readonly ISet<string> IdOnly = new HashSet<string> { IndexFields.Id };
    private readonly DirectoryReader _reader;
    private readonly Lucene.Net.Store.Directory _directory;
    private readonly SmartChineseAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);

    public RawLuceneSearch(string indexPath)
    {
        // The library keeps public documents in a "public" partition folder (tenants' own documents elsewhere).
        var publicPartition = Path.Combine(indexPath, "public");
        _directory = RawLuceneIndexer.OpenDirectory(Directory.Exists(publicPartition) ? publicPartition : indexPath);
        _reader = DirectoryReader.Open(_directory);
        Searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public IndexSearcher Searcher { get; }

    public Query Query(string text, string field)
    {
        var query = new BooleanQuery(disableCoord: true);
        using var stream = _analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && query.Clauses.Count < BooleanQuery.MaxClauseCount)
        {
            query.Add(new TermQuery(new Term(field, term.ToString())), Occur.SHOULD);
        }

        stream.End();
        return query;
    }

    /// <summary>Reads only the stored id of a hit (what the Java peer reads).</summary>
    public string? Id(int doc) => _reader.Document(doc, IdOnly).Get(IndexFields.Id);

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
