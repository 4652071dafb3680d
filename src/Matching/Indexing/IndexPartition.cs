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
    private readonly bool _mustExist;

    private readonly string _displayName;
    private readonly double _ramBufferMb;
    private readonly bool _keepSegments;
    private DateTimeOffset? _preparedAt;

    /// <summary>Opens (or creates) a partition.</summary>
    /// <param name="key">The partition key.</param>
    /// <param name="directory">Its Lucene directory.</param>
    /// <param name="displayName">Its name in errors.</param>
    /// <param name="ramBufferMb">The writer's RAM buffer.</param>
    /// <param name="mustExist">Whether the partition is known to have been committed (listed by the public partition): then a folder without a commit is damage, not a new partition.</param>
    /// <param name="keepSegments">Never merge segments (a test hook: <see cref="LuceneMatchIndexOptions.KeepSegments"/>).</param>
    public IndexPartition(string key, LuceneDirectory directory, string displayName, double ramBufferMb, bool mustExist = false, bool keepSegments = false)
    {
        _keepSegments = keepSegments;
        Key = key;
        Directory = directory;
        _displayName = displayName;
        _ramBufferMb = ramBufferMb;
        _mustExist = mustExist;
        (Writer, Searchers) = OpenWriter();
        try
        {
            var commits = DirectoryReader.ListCommits(Directory);
            CommitData = commits.Count > 0 ? new Dictionary<string, string>(commits[^1].UserData) : new Dictionary<string, string>();
            LastCommit = CommitData.TryGetValue(CommittedAtKey, out var at) ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
        }
        catch (Exception ex) when (IsDamage(ex))
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

    /// <summary>The user data of the last commit when the partition was opened.</summary>
    public IReadOnlyDictionary<string, string> CommitData { get; private set; } = new Dictionary<string, string>();

    /// <summary>Whether the current batch changed this partition (so it must commit).</summary>
    public bool Dirty { get; set; }

    public long Generation => Math.Max(0, SegmentInfos.GetLastCommitGeneration(Directory));

    /// <summary>Writes the commit's files and fsyncs them (the slow half of a commit); <see cref="FinishCommit"/> makes it visible and durable.</summary>
    public void PrepareCommit(DateTimeOffset now, IReadOnlyDictionary<string, string>? extra = null)
    {
        var data = new Dictionary<string, string>(extra ?? new Dictionary<string, string>()) { [CommittedAtKey] = now.ToString("o", CultureInfo.InvariantCulture) };
        Writer.SetCommitData(data);
        CommitData = data;
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

    /// <summary>
    /// Verifies the footer checksum of every file of the last commit, compound files (.cfs) as a whole (one sequential
    /// read of the index). Lucene's own <c>CheckIntegrity</c> checks only the files inside a .cfs, so damage to the
    /// container's own bytes passed it (measured).
    /// </summary>
    public void VerifyChecksums()
    {
        try
        {
            var commit = new SegmentInfos();
            commit.Read(Directory);
            foreach (var file in commit.GetFiles(Directory, includeSegmentsFile: true))
            {
                ChecksumFile(Directory, file);
            }
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            throw Corrupted(ex);
        }
    }

    /// <summary>Verifies a file's footer checksum. Every file Lucene.Net 4.8 writes carries one, except segments.gen.</summary>
    private static void ChecksumFile(LuceneDirectory directory, string file)
    {
        if (file == IndexFileNames.SEGMENTS_GEN)
        {
            return;
        }

        if (directory is FSDirectory fs)
        {
            FileChecksum.Verify(Path.Combine(fs.Directory.FullName, file));
            return;
        }

        using var input = directory.OpenInput(file, IOContext.READ_ONCE);
        Lucene.Net.Codecs.CodecUtil.ChecksumEntireFile(input);
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
        catch (Exception ex) when (IsDamage(ex))
        {
            throw Corrupted(ex);
        }

        if (status.Clean)
        {
            VerifyChecksums();
        }
        else
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
        if (_keepSegments)
        {
            config.MergePolicy = NoMergePolicy.COMPOUND_FILES;
        }

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
        catch (Exception ex) when (IsDamage(ex))
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
        catch (Exception ex) when (IsDamage(ex))
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
            // The commit point is small and Lucene parses it before checking its checksum: a damaged length in it can
            // make the parse allocate gigabytes or spin (measured), so its checksum is verified first.
            // A commit point without its footer is one a crash interrupted (Lucene 4.8 writes the footer last, when the
            // commit finishes): Lucene falls back to the previous commit, as it should, so only complete ones are checked.
            using var commit = Directory.OpenInput(SegmentInfos.GetLastCommitSegmentsFileName(Directory), IOContext.READ_ONCE);
            if (HasFooter(commit))
            {
                Lucene.Net.Codecs.CodecUtil.ChecksumEntireFile(commit);
            }

            return;
        }

        if (_mustExist)
        {
            throw new IndexCorruptedException(
                $"The partition at '{_displayName}' was committed before but holds no commit point now (分区数据缺失); restore the folder or rebuild the index from the source documents.",
                "open",
                _displayName);
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

    private static bool HasFooter(IndexInput input)
    {
        if (input.Length < Lucene.Net.Codecs.CodecUtil.FooterLength())
        {
            return false;
        }

        input.Seek(input.Length - Lucene.Net.Codecs.CodecUtil.FooterLength());
        var magic = input.ReadInt32();
        input.Seek(0);
        return magic == Lucene.Net.Codecs.CodecUtil.FOOTER_MAGIC;
    }

    /// <summary>
    /// Whether an exception met while opening or checking the partition's files means they are damaged. Any failure
    /// counts — also <see cref="OutOfMemoryException"/>: Lucene decodes a length from a damaged metadata file before its
    /// checksum is verified and tries to allocate it (measured: a flipped bit in segments_N), so in this narrow scope
    /// the allocation failure is a symptom of the file, not of the process.
    /// </summary>
    private static bool IsDamage(Exception ex) => ex is not OperationCanceledException;

    private IndexCorruptedException Corrupted(Exception ex) => ex as IndexCorruptedException ?? new IndexCorruptedException(
        $"The index at '{_displayName}' is corrupt or unreadable (索引已损坏): {ex.GetType().Name}: {ex.Message}. Rebuild it from the source documents.", "open", _displayName, ex);

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
