using Lucene.Net.Search;
using Lucene.Net.Store;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Embeddings;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The embedded index: Lucene.Net on a local folder (<see cref="NIOFSDirectory"/>) or in memory, with BM25, upsert by
/// id, document ownership by tenant, durable commits and near-real-time reads through <see cref="SearcherManager"/>s.
/// </summary>
/// <remarks>
/// <para>Thread-safe; open one instance per folder and share it. A second writer on the same folder — another process,
/// or a second instance in this one — gets <see cref="IndexLockedException"/>; a lock left by a killed process does not
/// block (the operating system releases it).</para>
/// <para>Ownership: ids are unique in an index; a document belongs to its <see cref="MatchDocument.Tenant"/>, and only
/// that tenant can replace, move or delete it (see <see cref="MatchIndex"/>).</para>
/// <para>Tenant isolation: public documents live in one partition (<c>public/</c>), each tenant's non-public documents
/// in its own (<c>tenants/&lt;tenant&gt;/</c>). Every read of tenant A sees one consistent snapshot of the public
/// partition and A's, so tenant B's private documents can neither appear for A nor change A's statistics (scores).</para>
/// <para>Durability: a bulk write commits before its task completes, and a batch that spans partitions becomes visible
/// in one switch. A failed or cancelled write leaves every partition at its last commit; a host that did not see the
/// result simply writes the same batch again (upserts are idempotent).</para>
/// <para>Damage, on open or on any later read, is <see cref="IndexCorruptedException"/>; see <see cref="VerifyAsync"/>.</para>
/// </remarks>
public sealed class LuceneMatchIndex : MatchIndex
{
    private readonly PartitionSet _partitions;
    private readonly BatchWriter _writer;
    private readonly IndexFolderLock? _folderLock;
    private readonly IndexEmbeddings _embeddings;
    private readonly IndexGate _gate;

    private LuceneMatchIndex(string name, Func<string, LuceneDirectory> createDirectory, IReadOnlyCollection<string> existingTenants, LuceneMatchIndexOptions options, IndexFolderLock? folderLock = null)
    {
        Name = name;
        Analyzer = options.Analyzer ?? SmartCnTextAnalyzer.Default;
        _partitions = new PartitionSet(name, createDirectory, options.RamBufferSizeMb, existingTenants, verifyChecksums: folderLock is not null && options.VerifyOnOpen, Analyzer, Math.Max(1, options.SearchThreadsPerQuery), options.KeepSegments);
        (_writer, _folderLock) = (new BatchWriter(_partitions, Analyzer, options.IndexingThreads, name, options.Logger), folderLock);
        _embeddings = new IndexEmbeddings(options.Embeddings, _partitions, name);
        _gate = new IndexGate(name, this, () => _writer.Faulted);
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The analyzer used for documents and queries.</summary>
    public SmartCnTextAnalyzer Analyzer { get; }

    /// <summary>The index's embedding rule and model (hybrid matching).</summary>
    internal IndexEmbeddings Embeddings => _embeddings;

    /// <summary>Called with every read scope opened (a test seam proving which read paths go through the tenant scope).</summary>
    internal Action<SearchScope>? ScopeOpened
    {
        get => _partitions.ScopeOpened;
        set => _partitions.ScopeOpened = value;
    }

    /// <summary>Opens (or creates) an index in a folder.</summary>
    /// <param name="path">The folder; created when missing.</param>
    /// <param name="options">Options; <see langword="null"/> for defaults.</param>
    /// <returns>The open index.</returns>
    /// <exception cref="IndexLockedException">Another writer (in this or another process) holds the folder.</exception>
    /// <exception cref="IndexCorruptedException">The folder holds an unreadable index or a damaged layout.</exception>
    public static LuceneMatchIndex Open(string path, LuceneMatchIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Path.GetFullPath(path);
        var tenants = IndexFolder.Inspect(root);
        var folderLock = IndexFolderLock.Acquire(root);
        try
        {
            return new LuceneMatchIndex(root, key => new NIOFSDirectory(new DirectoryInfo(TenantPartitioning.PathFor(root, key))), tenants, options ?? new LuceneMatchIndexOptions(), folderLock);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
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

    /// <summary>
    /// Embeds every document again with the configured model (<see cref="LuceneMatchIndexOptions.Embeddings"/>) and
    /// records it, in one commit: after a model change, or to add vectors to an index built without them. Reads go on
    /// meanwhile and see the old state until the switch; on failure or cancellation the index stays as it was.
    /// </summary>
    /// <param name="progress">Receives embedding then indexing progress; optional.</param>
    /// <param name="cancellationToken">Cancels the rebuild (nothing is changed).</param>
    /// <returns>The outcome per document.</returns>
    /// <exception cref="InvalidOperationException">The index was opened without an embedding model.</exception>
    /// <remarks>Holds every document in memory while it embeds them, and blocks other writes until it completes.</remarks>
    public Task<BulkIndexResult> RebuildEmbeddingsAsync(IProgress<IndexingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_embeddings.Embedder is null)
        {
            throw new InvalidOperationException($"The index '{Name}' has no embedding model (未配置向量模型): set LuceneMatchIndexOptions.Embeddings.");
        }

        return _gate.ExclusiveCoreAsync(
            async () =>
            {
                var documents = _gate.Guarded("rebuild-embeddings", _partitions.ReadAll);
                var vectors = await _embeddings.EmbedAsync(documents, progress, cancellationToken).ConfigureAwait(false);
                return _embeddings.Recording(replaceAll: true, "rebuild-embeddings", () => _writer.WriteObserved("rebuild-embeddings", documents, replaceAll: false, vectors, progress, cancellationToken));
            },
            cancellationToken);
    }

    /// <summary>
    /// Merges the index down to at most <paramref name="maxSegments"/> Lucene segments per partition and commits: after
    /// a bulk import, before serving. Fewer segments make every query cheaper (each term is looked up once per segment;
    /// the pruned search raises its threshold over more documents at once). Reads go on meanwhile and see the merged
    /// index once the commit switches; other writes wait. On failure or cancellation the index stays as it was.
    /// </summary>
    /// <param name="maxSegments">The most segments each partition may keep; 1 (the default) or more.</param>
    /// <param name="cancellationToken">Cancels between partitions (a partition's merge, once started, runs to its end).</param>
    /// <returns>A task that completes when the merged index is committed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSegments"/> is below 1.</exception>
    /// <remarks>
    /// Reads and rewrites the whole index: minutes for millions of documents, and up to twice the index's size in free
    /// disk space while it runs (the old segments are deleted at the commit). Run it off the request path.
    /// </remarks>
    public Task ForceMergeAsync(int maxSegments = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        return _gate.ExclusiveAsync(() => _writer.ForceMerge(maxSegments, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<bool> DeleteAsync(string id, string tenant, CancellationToken cancellationToken = default)
    {
        DocumentValidation.ValidateId(id, nameof(id));
        DocumentValidation.ValidateId(tenant, nameof(tenant));
        return await _gate.ExclusiveAsync(() => _writer.Delete(id, tenant), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task<MatchDocument?> GetAsync(string id, string tenant, CancellationToken cancellationToken = default)
    {
        DocumentValidation.ValidateId(id, nameof(id));
        DocumentValidation.ValidateId(tenant, nameof(tenant));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(tenant, "get", scope => scope.Get(id)));
    }

    /// <summary>Gets document counts and commit information over all partitions (an administrative view: it counts every tenant's documents).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics.</returns>
    public override Task<IndexStatistics> GetStatisticsForAllTenantsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(AllTenantsStatistics());
    }

    /// <summary>The statistics over every partition (read synchronously: the open readers already hold them).</summary>
    internal IndexStatistics AllTenantsStatistics() => _gate.Guarded("statistics", _partitions.AllTenantsStatistics);

    /// <inheritdoc />
    public override Task<IndexStatistics> GetStatisticsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        DocumentValidation.ValidateId(tenant, nameof(tenant));
        cancellationToken.ThrowIfCancellationRequested();
        var partitions = TenantPartitioning.KeysFor(tenant).Select(_partitions.Get).OfType<IndexPartition>().ToArray();
        return Task.FromResult(Read(tenant, "statistics", scope => PartitionSet.Statistics(scope.Searcher, partitions)));
    }

    /// <summary>
    /// Checks every partition with Lucene's <c>CheckIndex</c> (checksums of every file, then the postings, stored
    /// fields and norms of every segment). Reads all index files: minutes for a large index; run it off the request path.
    /// </summary>
    /// <param name="cancellationToken">Cancels between partitions.</param>
    /// <returns>A task that completes when every partition is sound.</returns>
    /// <exception cref="IndexCorruptedException">A partition is damaged; the message names it and Lucene's findings.</exception>
    public Task VerifyAsync(CancellationToken cancellationToken = default) => _gate.ExclusiveAsync(
        () =>
        {
            foreach (var p in _partitions.All())
            {
                cancellationToken.ThrowIfCancellationRequested();
                p.Verify();
            }

            return true;
        },
        cancellationToken);

    /// <summary>The public partition's <see cref="SearcherManager"/> (read-only use) or the <see cref="SmartCnTextAnalyzer"/>; never a writer.</summary>
    /// <param name="serviceType">The wanted type.</param>
    /// <returns>The object or <see langword="null"/>.</returns>
    public override object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceType == typeof(SearcherManager) ? _partitions.Public.Searchers
            : serviceType == typeof(SmartCnTextAnalyzer) ? Analyzer
            : base.GetService(serviceType);
    }

    /// <summary>
    /// Runs a read of <paramref name="tenant"/> on one scope (acquired and released in this synchronous call); damage
    /// met while reading surfaces as <see cref="IndexCorruptedException"/>.
    /// </summary>
    internal T Read<T>(string tenant, string operation, Func<SearchScope, T> read) => _gate.Guarded(operation, () =>
    {
        using var scope = _partitions.OpenScope(tenant);
        return read(scope);
    });

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Close(() =>
            {
                _partitions.Dispose();
                _folderLock?.Dispose();
            });
        }
    }

    private async Task<BulkIndexResult> WriteAsync(string operation, IEnumerable<MatchDocument> documents, bool replaceAll, IProgress<IndexingProgress>? progress, CancellationToken cancellationToken)
    {
        var list = documents as IReadOnlyList<MatchDocument> ?? documents.ToList();

        // Embedding (the slow part with a real model) runs before the write lock; the model rule is checked on both sides.
        _gate.ThrowIfUnusable();
        _embeddings.CheckWrite(replaceAll, operation);
        var vectors = await _embeddings.EmbedAsync(list, progress, cancellationToken).ConfigureAwait(false);
        return await _gate.ExclusiveAsync(() => _embeddings.Recording(replaceAll, operation, () => _writer.WriteObserved(operation, list, replaceAll, vectors, progress, cancellationToken)), cancellationToken).ConfigureAwait(false);
    }
}
