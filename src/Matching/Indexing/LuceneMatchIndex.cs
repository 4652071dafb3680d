using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Diagnostics;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The embedded index: Lucene.Net on a local folder (<see cref="NIOFSDirectory"/>) or in memory, with BM25, upsert by
/// id, durable commits and near-real-time reads through <see cref="SearcherManager"/>s.
/// </summary>
/// <remarks>
/// <para>Thread-safe; open one instance per folder and share it. A second writer on the same folder (another process,
/// or a second instance in this one) gets <see cref="IndexLockedException"/>.</para>
/// <para>Tenant isolation: public documents live in one partition (<c>public/</c>), each tenant's non-public documents
/// in its own (<c>tenants/&lt;tenant&gt;/</c>). A query for tenant A searches the public partition and A's, so tenant
/// B's confidential documents can neither appear for A nor change A's term statistics (scores).</para>
/// <para>Durability: a bulk write commits before its task completes. A failed or cancelled write leaves every
/// partition at its last commit; a batch that spans partitions commits partition by partition, so a host that did
/// not see the result simply writes the same batch again (upserts are idempotent).</para>
/// </remarks>
public sealed class LuceneMatchIndex : MatchIndex
{
    private const string PublicKey = "public";
    private const string TenantsFolder = "tenants";

    private readonly Func<string, LuceneDirectory> _createDirectory;
    private readonly LuceneMatchIndexOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly System.Threading.Lock _partitionsLock = new();
    private readonly Dictionary<string, IndexPartition> _partitions = new(StringComparer.Ordinal);
    private int _activeReads;
    private int _disposed;
    private Exception? _faulted;

    private LuceneMatchIndex(string name, Func<string, LuceneDirectory> createDirectory, IEnumerable<string> existingTenants, LuceneMatchIndexOptions options)
    {
        Name = name;
        _createDirectory = createDirectory;
        _options = options;
        Analyzer = options.Analyzer ?? SmartCnTextAnalyzer.Default;
        try
        {
            GetOrOpenPartition(PublicKey);
            foreach (var tenant in existingTenants)
            {
                GetOrOpenPartition(TenantKey(tenant));
            }
        }
        catch
        {
            DisposePartitions();
            throw;
        }
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
        var root = Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(root);
        var tenantsRoot = Path.Combine(root, TenantsFolder);
        var tenants = System.IO.Directory.Exists(tenantsRoot)
            ? System.IO.Directory.GetDirectories(tenantsRoot).Select(Path.GetFileName).OfType<string>().Where(IsValidTenantFolder).ToArray()
            : [];
        return new LuceneMatchIndex(root, key => new NIOFSDirectory(new DirectoryInfo(PartitionPath(root, key))), tenants, options ?? new LuceneMatchIndexOptions());
    }

    /// <summary>Creates an index held in memory (for tests and small, rebuildable data).</summary>
    /// <param name="options">Options; <see langword="null"/> for defaults.</param>
    /// <returns>The index.</returns>
    public static LuceneMatchIndex CreateInMemory(LuceneMatchIndexOptions? options = null) =>
        new("memory", _ => new RAMDirectory(), [], options ?? new LuceneMatchIndexOptions());

    /// <summary>Creates an index over caller-made Lucene directories (one per partition key); used by tests to inject faults.</summary>
    internal static LuceneMatchIndex Create(string name, Func<string, LuceneDirectory> createDirectory, LuceneMatchIndexOptions? options = null) =>
        new(name, createDirectory, [], options ?? new LuceneMatchIndexOptions());

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
        ThrowIfUnusable();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfUnusable();
            var holders = Partitions().Where(p => p.Contains(id)).ToArray();
            if (holders.Length == 0)
            {
                return false;
            }

            RunWrite("delete", () =>
            {
                foreach (var p in holders)
                {
                    p.Writer.DeleteDocuments(new Term(IndexFields.Id, id));
                    p.Dirty = true;
                }

                CommitDirty();
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

    /// <summary>Gets document counts and commit information over all partitions (an administrative view: it counts every tenant's documents).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics.</returns>
    public override Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counts = Enum.GetValues<DocumentKind>().ToDictionary(k => k, _ => 0);
        var deleted = 0;
        foreach (var p in Partitions())
        {
            ReadPartition(p, s =>
            {
                foreach (var kind in counts.Keys.ToArray())
                {
                    counts[kind] += s.Search(new TermQuery(new Term(IndexFields.Kind, IndexFields.KindValue(kind))), 1).TotalHits;
                }

                deleted += s.IndexReader.NumDeletedDocs;
                return 0;
            });
        }

        var partitions = Partitions();
        var lastCommit = partitions.Select(p => p.LastCommit).Max();
        return Task.FromResult(new IndexStatistics(counts, deleted, lastCommit, partitions.Max(p => p.Generation)));
    }

    /// <summary>Returns the public partition's <see cref="SearcherManager"/>, <see cref="IndexWriter"/> or <see cref="LuceneDirectory"/>, or the <see cref="SmartCnTextAnalyzer"/>.</summary>
    /// <param name="serviceType">The wanted type.</param>
    /// <returns>The object or <see langword="null"/>.</returns>
    public override object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        var p = GetOrOpenPartition(PublicKey);
        return serviceType == typeof(SearcherManager) ? p.Searchers
            : serviceType == typeof(IndexWriter) ? p.Writer
            : serviceType == typeof(LuceneDirectory) ? p.Directory
            : serviceType == typeof(SmartCnTextAnalyzer) ? Analyzer
            : base.GetService(serviceType);
    }

    /// <summary>Runs <paramref name="action"/> on a searcher over the public partition and the tenant's own (acquired and released in this synchronous call).</summary>
    internal T WithSearcher<T>(string tenant, Func<IndexSearcher, T> action)
    {
        EnterRead();
        try
        {
            var publicPartition = GetPartition(PublicKey)!;
            var tenantPartition = GetPartition(TenantKey(tenant));
            if (tenantPartition is null)
            {
                return ReadPartition(publicPartition, action);
            }

            var a = publicPartition.Searchers.Acquire();
            try
            {
                var b = tenantPartition.Searchers.Acquire();
                try
                {
                    using var reader = new MultiReader([a.IndexReader, b.IndexReader], closeSubReaders: false);
                    return action(new IndexSearcher(reader) { Similarity = new BM25Similarity() });
                }
                finally
                {
                    tenantPartition.Searchers.Release(b);
                }
            }
            finally
            {
                publicPartition.Searchers.Release(a);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _activeReads);
        }
    }

    internal MatchDocument? Get(string id, string tenant) => WithSearcher(tenant, s =>
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

        // Let an in-flight write finish its commit and in-flight reads release their searchers; new calls see the flag.
        _writeLock.Wait();
        try
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref _activeReads) == 0, TimeSpan.FromSeconds(30));
            DisposePartitions();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static string TenantKey(string tenant) => "tenant:" + tenant;

    private static string PartitionPath(string root, string key) =>
        key == PublicKey ? Path.Combine(root, PublicKey) : Path.Combine(root, TenantsFolder, key["tenant:".Length..]);

    private static bool IsValidTenantFolder(string name)
    {
        try
        {
            DocumentValidation.ValidateId(name, "tenant");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string PartitionKeyOf(MatchDocument d) => d.Visibility == Visibility.Public ? PublicKey : TenantKey(d.Tenant);

    private IndexPartition? GetPartition(string key)
    {
        lock (_partitionsLock)
        {
            return _partitions.GetValueOrDefault(key);
        }
    }

    private IndexPartition GetOrOpenPartition(string key)
    {
        lock (_partitionsLock)
        {
            if (!_partitions.TryGetValue(key, out var partition))
            {
                var directory = _createDirectory(key);
                try
                {
                    partition = new IndexPartition(key, directory, key == PublicKey ? Name : $"{Name} [{key}]", _options.RamBufferSizeMb);
                }
                catch
                {
                    directory.Dispose();
                    throw;
                }

                _partitions[key] = partition;
            }

            return partition;
        }
    }

    private IndexPartition[] Partitions()
    {
        lock (_partitionsLock)
        {
            return [.. _partitions.Values];
        }
    }

    private T ReadPartition<T>(IndexPartition partition, Func<IndexSearcher, T> action)
    {
        var searcher = partition.Searchers.Acquire();
        try
        {
            return action(searcher);
        }
        finally
        {
            partition.Searchers.Release(searcher);
        }
    }

    private void EnterRead()
    {
        Interlocked.Increment(ref _activeReads);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Decrement(ref _activeReads);
            throw new ObjectDisposedException(nameof(LuceneMatchIndex));
        }
    }

    private async Task<BulkIndexResult> WriteAsync(string operation, IEnumerable<MatchDocument> documents, bool replaceAll, IProgress<IndexingProgress>? progress, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        var list = documents as IReadOnlyList<MatchDocument> ?? documents.ToList();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var activity = MatchingTelemetry.Source.StartActivity("index." + operation);
        activity?.SetTag("index.name", Name);
        activity?.SetTag("index.documents", list.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            ThrowIfUnusable();
            var result = await Task.Run(() => Write(operation, list, replaceAll, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            MatchingTelemetry.IndexDuration.Record(clock.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
            MatchingTelemetry.IndexedDocuments.Add(result.Accepted);
            if (_options.Logger is { } logger)
            {
                Log.Written(logger, Name, operation, result.Accepted, result.Rejected, clock.Elapsed.TotalMilliseconds);
            }

            return result;
        }
        catch (MatchingException ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            if (_options.Logger is { } logger)
            {
                Log.WriteFailed(logger, ex, Name, operation);
            }

            throw;
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
        RunWrite(operation, () =>
        {
            if (replaceAll)
            {
                foreach (var p in Partitions())
                {
                    p.Writer.DeleteAll();
                    p.Dirty = true;
                }
            }

            // Open the partitions this batch writes to before going parallel.
            foreach (var key in documents.Select(PartitionKeyOf).Distinct())
            {
                GetOrOpenPartition(key).Dirty = true;
            }

            var all = Partitions();
            Parallel.For(
                0,
                documents.Count,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.IndexingThreads), CancellationToken = cancellationToken },
                i =>
                {
                    if (outcomes[i] is null)
                    {
                        outcomes[i] = Index(documents[i], all, replaceAll);
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
            CommitDirty();
        });

        if (progress is not null && documents.Count == 0)
        {
            progress.Report(new IndexingProgress(0, 0, 0));
        }

        return new BulkIndexResult(outcomes);
    }

    private IndexingOutcome Index(MatchDocument document, IndexPartition[] partitions, bool replaceAll)
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

        var idTerm = new Term(IndexFields.Id, document.Id);
        var target = PartitionKeyOf(document);
        foreach (var p in partitions)
        {
            if (p.Key == target)
            {
                p.Writer.UpdateDocument(idTerm, luceneDoc);
            }
            else if (!replaceAll && p.Contains(document.Id))
            {
                // The document moved (visibility or tenant changed): remove the old copy.
                p.Writer.DeleteDocuments(idTerm);
                p.Dirty = true;
            }
        }

        return new IndexingOutcome(document.Id, true);
    }

    private void CommitDirty()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var p in Partitions().Where(p => p.Dirty))
        {
            p.Commit(now);
        }
    }

    /// <summary>Runs a write; on failure or cancellation every partition goes back to its last commit and the error surfaces typed.</summary>
    private void RunWrite(string operation, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or UnauthorizedAccessException or AggregateException)
        {
            ResetAll();
            var cause = ex is AggregateException agg ? agg.Flatten().InnerExceptions[0] : ex;
            if (cause is OperationCanceledException canceled)
            {
                throw canceled;
            }

            throw new MatchingException($"Index operation '{operation}' failed on '{Name}' (索引操作失败): {cause.Message}. The index is at its last commit.", operation, Name, cause);
        }
    }

    private void ResetAll()
    {
        foreach (var p in Partitions())
        {
            try
            {
                p.Reset();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or MatchingException)
            {
                // The directory is still failing (e.g. the disk is still full): refuse further use until reopened.
                _faulted = ex;
            }
        }
    }

    private void DisposePartitions()
    {
        foreach (var p in Partitions())
        {
            try
            {
                p.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                // Disposal goes on for the other partitions; the write lock was released by rollback.
            }
        }

        // The write semaphore is not disposed: late callers waiting on it wake up and get ObjectDisposedException.
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_faulted is { } faulted)
        {
            throw new MatchingException($"The index '{Name}' could not recover from a failed write (索引写入失败后无法恢复): {faulted.Message}. Dispose it and open it again.", "write", Name, faulted);
        }
    }
}
