using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// One Lucene index inside a <see cref="LuceneMatchIndex"/>: the public documents, or one tenant's non-public
/// documents. Keeping them apart means one tenant's confidential documents never touch another tenant's term
/// statistics, so its scores cannot change (or leak) when they are added.
/// </summary>
internal sealed class IndexPartition : IDisposable
{
    private const string CommittedAtKey = "committedAt";
    private readonly string _displayName;
    private readonly double _ramBufferMb;

    public IndexPartition(string key, LuceneDirectory directory, string displayName, double ramBufferMb)
    {
        Key = key;
        Directory = directory;
        _displayName = displayName;
        _ramBufferMb = ramBufferMb;
        (Writer, Searchers) = OpenWriter();
        LastCommit = ReadLastCommitTime();
    }

    public string Key { get; }

    public LuceneDirectory Directory { get; }

    public IndexWriter Writer { get; private set; }

    public SearcherManager Searchers { get; private set; }

    public DateTimeOffset? LastCommit { get; private set; }

    /// <summary>Whether the current batch changed this partition (so it must commit).</summary>
    public bool Dirty { get; set; }

    public long Generation => Math.Max(0, SegmentInfos.GetLastCommitGeneration(Directory));

    public bool Contains(string id)
    {
        var searcher = Searchers.Acquire();
        try
        {
            // A search, not DocFreq: DocFreq still counts deleted documents until segments merge.
            return searcher.Search(new TermQuery(new Term(IndexFields.Id, id)), 1).TotalHits > 0;
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    public void Commit(DateTimeOffset now)
    {
        Writer.SetCommitData(new Dictionary<string, string> { [CommittedAtKey] = now.ToString("o", CultureInfo.InvariantCulture) });
        Writer.Commit();
        LastCommit = now;
        Dirty = false;
        Searchers.MaybeRefreshBlocking();
    }

    /// <summary>Discards uncommitted changes: rollback (which also releases the write lock) and a fresh writer on the last commit.</summary>
    public void Reset()
    {
        Dirty = false;
        Searchers.Dispose();
        TryRollback(Writer);
        (Writer, Searchers) = OpenWriter();
    }

    public void Dispose()
    {
        Searchers.Dispose();
        try
        {
            Writer.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A failed close (e.g. disk full) keeps the write lock until rolled back.
            TryRollback(Writer);
        }

        Directory.Dispose();
    }

    private (IndexWriter Writer, SearcherManager Searchers) OpenWriter()
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer()) // text arrives pre-analysed
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = _ramBufferMb,
        };
        IndexWriter writer;
        try
        {
            writer = new IndexWriter(Directory, config);
        }
        catch (LockObtainFailedException ex)
        {
            throw new IndexLockedException($"The index at '{_displayName}' is locked by another writer (索引已被其他进程锁定). Close the other process or instance first.", "open", _displayName, ex);
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
        {
            throw new IndexCorruptedException($"The index at '{_displayName}' is corrupt or unreadable (索引已损坏); rebuild it from the source documents.", "open", _displayName, ex);
        }

        try
        {
            if (!DirectoryReader.IndexExists(Directory))
            {
                writer.Commit(); // an empty first commit, so readers can open
            }

            return (writer, new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory()));
        }
        catch
        {
            TryRollback(writer);
            throw;
        }
    }

    private DateTimeOffset? ReadLastCommitTime()
    {
        var commits = DirectoryReader.ListCommits(Directory);
        return commits.Count > 0 && commits[^1].UserData.TryGetValue(CommittedAtKey, out var s)
            ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
    }

    internal static void TryRollback(IndexWriter writer)
    {
        try
        {
            writer.Rollback();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            // Rollback releases the write lock even when it reports a failure; nothing more can be done here.
        }
    }

    internal sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
