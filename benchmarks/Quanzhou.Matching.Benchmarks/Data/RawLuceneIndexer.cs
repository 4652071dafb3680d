using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Quanzhou.Matching.Benchmarks.Data;

/// <summary>
/// The raw Lucene.Net 4.8 build the Java peer makes by default: <see cref="SmartChineseAnalyzer"/> (default stopwords)
/// over separate <c>title</c>, <c>keywords</c> and <c>abstract</c> fields (not stored; an empty field is not added), a
/// stored <c>id</c>, BM25, a 64 MB RAM buffer. The like-for-like platform baseline: no normalisation, no lexicon, no
/// bigrams, no stored text.
/// </summary>
internal static class RawLuceneIndexer
{
    public const string Title = "title";
    public const string Keywords = "keywords";
    public const string Abstract = "abstract";
    public const string Id = "id";

    public static IndexWriter OpenWriter(Lucene.Net.Store.Directory directory, SmartChineseAnalyzer analyzer) =>
        new(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 64,
        });

    public static Document ToDocument(CorpusRecord r)
    {
        var doc = new Document { new StringField(Id, r.Id, Field.Store.YES) };
        if (r.Title.Length > 0)
        {
            doc.Add(new TextField(Title, r.Title, Field.Store.NO));
        }

        var keywords = string.Join(' ', r.Keywords);
        if (keywords.Length > 0)
        {
            doc.Add(new TextField(Keywords, keywords, Field.Store.NO));
        }

        if (r.Abstract.Length > 0)
        {
            doc.Add(new TextField(Abstract, r.Abstract, Field.Store.NO));
        }

        return doc;
    }

    /// <summary>Indexes the records with <paramref name="threads"/> threads calling <c>AddDocument</c> on one writer, then commits.</summary>
    public static void Build(Lucene.Net.Store.Directory directory, IEnumerable<CorpusRecord> records, int threads)
    {
        using var analyzer = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48);
        using var writer = OpenWriter(directory, analyzer);
        if (threads <= 1)
        {
            foreach (var r in records)
            {
                writer.AddDocument(ToDocument(r));
            }
        }
        else
        {
            Parallel.ForEach(records, new ParallelOptions { MaxDegreeOfParallelism = threads }, r => writer.AddDocument(ToDocument(r)));
        }

        writer.Commit();
    }

    public static long DirectoryBytes(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    public static Lucene.Net.Store.Directory OpenDirectory(string path) => new NIOFSDirectory(new DirectoryInfo(path));
}
