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
    private DateTimeOffset? _preparedAt;

    public IndexPartition(string key, LuceneDirectory directory, string displayName, double ramBufferMb)
    {
        Key = key;
        Directory = directory;
        _displayName = displayName;
        _ramBufferMb = ramBufferMb;
        (Writer, Searchers) = OpenWriter();
        try
        {
            LastCommit = ReadLastCommitTime();
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            Searchers.Dispose();
            TryRollback(Writer);
            throw Corrupted(ex);
        }
    }

    public string Key { get; }

    public LuceneDirectory Directory { get; }

    public IndexWriter Writer { get; private set; }

    public SearcherManager Searchers { get; private set; }

    public DateTimeOffset? LastCommit { get; private set; }

    /// <summary>Whether the current batch changed this partition (so it must commit).</summary>
    public bool Dirty { get; set; }

    public long Generation => Math.Max(0, SegmentInfos.GetLastCommitGeneration(Directory));

    /// <summary>Writes the commit's files and fsyncs them (the slow half of a commit); <see cref="FinishCommit"/> makes it visible and durable.</summary>
    public void PrepareCommit(DateTimeOffset now)
    {
        Writer.SetCommitData(new Dictionary<string, string> { [CommittedAtKey] = now.ToString("o", CultureInfo.InvariantCulture) });
        Writer.PrepareCommit();
        _preparedAt = now;
    }

    /// <summary>Completes a prepared commit and refreshes the searchers onto it.</summary>
    public void FinishCommit()
    {
        Writer.Commit();
        LastCommit = _preparedAt;
        Dirty = false;
        Searchers.MaybeRefreshBlocking();
    }

    /// <summary>Runs Lucene's <see cref="CheckIndex"/> on the last commit; throws <see cref="IndexCorruptedException"/> when it is not clean.</summary>
    public void Verify()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        CheckIndex.Status status;
        try
        {
            var check = new CheckIndex(Directory);
            check.InfoStream = output;
            status = check.DoCheckIndex();
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            throw Corrupted(ex);
        }

        if (!status.Clean)
        {
            var findings = string.Join(" | ", output.ToString().Split('\n').Where(l => l.Contains("FAILED", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal) || l.Contains("WARNING", StringComparison.Ordinal)).Take(5).Select(l => l.Trim()));
            throw new IndexCorruptedException($"The index at '{_displayName}' failed its check (索引校验失败): {findings}. Rebuild it from the source documents.", "verify", _displayName);
        }
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
            ThrowIfCommitMissing();
            writer = new IndexWriter(Directory, config);
        }
        catch (LockObtainFailedException ex)
        {
            throw new IndexLockedException($"The index at '{_displayName}' is locked by another writer (索引已被其他进程锁定). Close the other process or instance first.", "open", _displayName, ex);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            throw Corrupted(ex);
        }

        try
        {
            if (!DirectoryReader.IndexExists(Directory))
            {
                writer.Commit(); // an empty first commit, so readers can open
            }

            // Opening the reader reads every segment's metadata and compound-file table, so damage there surfaces now.
            return (writer, new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory()));
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            TryRollback(writer);
            throw Corrupted(ex);
        }
    }

    /// <summary>
    /// Refuses a folder that holds segment files but no commit point (segments_N deleted or damaged): opening a writer
    /// there would start an empty index and delete the unreferenced files, losing every document silently.
    /// </summary>
    private void ThrowIfCommitMissing()
    {
        if (DirectoryReader.IndexExists(Directory))
        {
            return;
        }

        string[] files;
        try
        {
            files = Directory.ListAll();
        }
        catch (DirectoryNotFoundException)
        {
            return; // a new partition: its folder is created by the first commit
        }

        var data = files
            .Where(f => f != IndexWriter.WRITE_LOCK_NAME && f != IndexFileNames.SEGMENTS_GEN && !f.StartsWith("pending_", StringComparison.Ordinal))
            .ToArray();
        if (data.Length > 0)
        {
            throw new IndexCorruptedException(
                $"The index at '{_displayName}' has segment files ({string.Join(", ", data.Take(5))}) but no readable commit point (segments_N) (索引提交点缺失); rebuild it from the source documents.",
                "open",
                _displayName);
        }
    }

    private IndexCorruptedException Corrupted(Exception ex) => ex as IndexCorruptedException ?? new IndexCorruptedException(
        $"The index at '{_displayName}' is corrupt or unreadable (索引已损坏): {ex.GetType().Name}: {ex.Message}. Rebuild it from the source documents.", "open", _displayName, ex);

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
