using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Quanzhou.Matching.Analysis;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The embedded index: Lucene.Net on a local folder (<see cref="NIOFSDirectory"/>) or in memory, with BM25, upsert by
/// id, durable commits and near-real-time reads through a <see cref="SearcherManager"/>.
/// </summary>
/// <remarks>
/// Thread-safe; open one instance per folder and share it. A second writer on the same folder (another process, or
/// a second instance in this one) gets <see cref="IndexLockedException"/>. Bulk writes are committed before their
/// task completes; a write that failed or was cancelled leaves the index at its last commit.
/// </remarks>
public sealed class LuceneMatchIndex : MatchIndex
{
    private const string CommittedAtKey = "committedAt";

    private readonly LuceneDirectory _directory;
    private readonly LuceneMatchIndexOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private IndexWriter _writer;
    private SearcherManager _searchers;
    private DateTimeOffset? _lastCommit;
    private int _disposed;

    private LuceneMatchIndex(LuceneDirectory directory, string name, LuceneMatchIndexOptions options)
    {
        _directory = directory;
        _options = options;
        Name = name;
        Analyzer = options.Analyzer ?? SmartCnTextAnalyzer.Default;
        (_writer, _searchers) = OpenWriter();
        _lastCommit = ReadLastCommitTime();
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The analyzer used for documents and queries.</summary>
    public SmartCnTextAnalyzer Analyzer { get; }

    /// <summary>Opens (or creates) an index in a folder.</summary>
    /// <param name="path">The folder; created when missing.</param>
    /// <param name="options">Options; <see langword="null"/> for defaults.</param>
    /// <returns>The open index.</returns>
    /// <exception cref="IndexLockedException">Another writer holds the folder's lock.</exception>
    /// <exception cref="IndexCorruptedException">The folder holds an unreadable index.</exception>
    public static LuceneMatchIndex Open(string path, LuceneMatchIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(full);
        var directory = new NIOFSDirectory(new DirectoryInfo(full));
        try
        {
            return new LuceneMatchIndex(directory, full, options ?? new LuceneMatchIndexOptions());
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Creates an index held in memory (for tests and small, rebuildable data).</summary>
    /// <param name="options">Options; <see langword="null"/> for defaults.</param>
    /// <returns>The index.</returns>
    public static LuceneMatchIndex CreateInMemory(LuceneMatchIndexOptions? options = null) =>
        new(new RAMDirectory(), "memory", options ?? new LuceneMatchIndexOptions());

    /// <inheritdoc />
    public override Task<BulkIndexResult> UpsertManyAsync(IEnumerable<MatchDocument> documents, IProgress<IndexingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return WriteAsync("upsert", documents, replaceAll: false, progress, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<BulkIndexResult> RebuildAsync(IEnumerable<MatchDocument> documents, IProgress<IndexingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return WriteAsync("rebuild", documents, replaceAll: true, progress, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        DocumentValidation.ValidateId(id, nameof(id));
        ThrowIfDisposed();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            var existed = WithSearcher(s => s.Search(new TermQuery(new Term(IndexFields.Id, id)), 1).TotalHits > 0);
            if (!existed)
            {
                return false;
            }

            Guard("delete", () =>
            {
                _writer.DeleteDocuments(new Term(IndexFields.Id, id));
                CommitAndRefresh();
            });
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public override Task<MatchDocument?> GetAsync(string id, string tenant, CancellationToken cancellationToken = default)
    {
        DocumentValidation.ValidateId(id, nameof(id));
        DocumentValidation.ValidateId(tenant, nameof(tenant));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Get(id, tenant));
    }

    /// <inheritdoc />
    public override Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counts = WithSearcher(s => Enum.GetValues<DocumentKind>().ToDictionary(
            k => k,
            k => s.Search(new TermQuery(new Term(IndexFields.Kind, IndexFields.KindValue(k))), 1).TotalHits));
        var deleted = WithSearcher(s => s.IndexReader.NumDeletedDocs);
        var generation = SegmentInfos.GetLastCommitGeneration(_directory);
        return Task.FromResult(new IndexStatistics(counts, deleted, _lastCommit, Math.Max(generation, 0)));
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceType == typeof(SearcherManager) ? _searchers
            : serviceType == typeof(IndexWriter) ? _writer
            : serviceType == typeof(LuceneDirectory) ? _directory
            : serviceType == typeof(SmartCnTextAnalyzer) ? Analyzer
            : base.GetService(serviceType);
    }

    /// <summary>Runs <paramref name="action"/> on a current searcher (acquired and released in this synchronous call).</summary>
    internal T WithSearcher<T>(Func<IndexSearcher, T> action)
    {
        ThrowIfDisposed();
        IndexSearcher searcher;
        try
        {
            searcher = _searchers.Acquire();
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(LuceneMatchIndex));
        }

        try
        {
            return action(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    internal MatchDocument? Get(string id, string tenant) => WithSearcher(s =>
    {
        var hits = s.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
        if (hits.TotalHits == 0)
        {
            return null;
        }

        var doc = DocumentMapper.FromLucene(s.Doc(hits.ScoreDocs[0].Doc));
        return doc.IsVisibleTo(tenant) ? doc : null;
    });

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wait for an in-flight write so its commit is not torn; new writes see the disposed flag.
        _writeLock.Wait();
        try
        {
            _searchers.Dispose();
            try
            {
                _writer.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A failed close (e.g. disk full) keeps the write lock until rolled back.
                TryRollback(_writer);
            }

            _directory.Dispose();
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    private async Task<BulkIndexResult> WriteAsync(string operation, IEnumerable<MatchDocument> documents, bool replaceAll, IProgress<IndexingProgress>? progress, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var list = documents as IReadOnlyList<MatchDocument> ?? documents.ToList();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            return await Task.Run(() => Write(operation, list, replaceAll, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private BulkIndexResult Write(string operation, IReadOnlyList<MatchDocument> documents, bool replaceAll, IProgress<IndexingProgress>? progress, CancellationToken cancellationToken)
    {
        var outcomes = new IndexingOutcome[documents.Count];

        // Within one batch the last document with an id wins; earlier ones are reported, not silently dropped.
        var lastIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i] ?? throw new ArgumentException($"Document at position {i} is null.", nameof(documents));
            if (lastIndexOf.TryGetValue(d.Id, out var earlier))
            {
                outcomes[earlier] = new IndexingOutcome(d.Id, false, $"Superseded by a later document with the same id at position {i} (同批次重复标识).");
            }

            lastIndexOf[d.Id] = i;
        }

        var processed = 0;
        var rejected = outcomes.Count(o => o is not null);
        try
        {
            if (replaceAll)
            {
                _writer.DeleteAll();
            }

            Parallel.For(
                0,
                documents.Count,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.IndexingThreads), CancellationToken = cancellationToken },
                i =>
                {
                    if (outcomes[i] is null)
                    {
                        outcomes[i] = Index(documents[i]);
                        if (!outcomes[i].Accepted)
                        {
                            Interlocked.Increment(ref rejected);
                        }
                    }

                    var done = Interlocked.Increment(ref processed);
                    if (progress is not null && (done % 1000 == 0 || done == documents.Count))
                    {
                        progress.Report(new IndexingProgress(done, documents.Count, Volatile.Read(ref rejected)));
                    }
                });
            cancellationToken.ThrowIfCancellationRequested();
            Guard(operation, CommitAndRefresh);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MatchingException or AggregateException)
        {
            ResetWriter(); // discard the uncommitted batch: the index stays at its last commit
            throw;
        }

        if (progress is not null && documents.Count == 0)
        {
            progress.Report(new IndexingProgress(0, 0, 0));
        }

        return new BulkIndexResult(outcomes);
    }

    private IndexingOutcome Index(MatchDocument document)
    {
        Lucene.Net.Documents.Document luceneDoc;
        try
        {
            luceneDoc = DocumentMapper.ToLucene(DocumentMapper.Analyze(document, Analyzer));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            return new IndexingOutcome(document.Id, false, $"Analysis failed (分析失败): {ex.Message}");
        }

        Guard("upsert", () => _writer.UpdateDocument(new Term(IndexFields.Id, document.Id), luceneDoc));
        return new IndexingOutcome(document.Id, true);
    }

    private void CommitAndRefresh()
    {
        var now = DateTimeOffset.UtcNow;
        _writer.SetCommitData(new Dictionary<string, string> { [CommittedAtKey] = now.ToString("o", CultureInfo.InvariantCulture) });
        _writer.Commit();
        _lastCommit = now;
        _searchers.MaybeRefreshBlocking();
    }

    private (IndexWriter Writer, SearcherManager Searchers) OpenWriter()
    {
        var analyzer = new Lucene.Net.Analysis.Core.KeywordAnalyzer(); // text fields arrive pre-analysed
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = _options.RamBufferSizeMb,
        };
        IndexWriter writer;
        try
        {
            writer = new IndexWriter(_directory, config);
        }
        catch (LockObtainFailedException ex)
        {
            throw new IndexLockedException($"The index at '{Name}' is locked by another writer (索引已被其他进程锁定). Close the other process or instance first.", "open", Name, ex);
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
        {
            throw new IndexCorruptedException($"The index at '{Name}' is corrupt or unreadable (索引已损坏); rebuild it from the source documents.", "open", Name, ex);
        }

        try
        {
            if (!DirectoryReader.IndexExists(_directory))
            {
                writer.Commit(); // an empty first commit, so readers can open
            }

            var searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
            return (writer, searchers);
        }
        catch
        {
            TryRollback(writer);
            throw;
        }
    }

    private void ResetWriter()
    {
        _searchers.Dispose();
        TryRollback(_writer);
        (_writer, _searchers) = OpenWriter();
    }

    private static void TryRollback(IndexWriter writer)
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

    private DateTimeOffset? ReadLastCommitTime()
    {
        var commits = DirectoryReader.ListCommits(_directory);
        return commits.Count > 0 && commits[^1].UserData.TryGetValue(CommittedAtKey, out var s)
            ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
    }

    private void Guard(string operation, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MatchingException($"Index operation '{operation}' failed on '{Name}' (索引操作失败): {ex.Message}", operation, Name, ex);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
