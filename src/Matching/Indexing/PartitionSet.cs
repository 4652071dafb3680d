using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The partitions of one <see cref="LuceneMatchIndex"/> (see <see cref="TenantPartitioning"/>): opening, the registry,
/// consistent read snapshots across partitions and the visible switch of a commit.
/// </summary>
/// <remarks>
/// A reader takes the snapshot lock (shared) only while it acquires its partitions' searchers; a commit takes it
/// (exclusive) while it completes the prepared commits and refreshes the searchers. So a read sees every partition
/// before a batch or every partition after it, never a mix, and a rebuild is one switch for all partitions.
/// </remarks>
internal sealed class PartitionSet : IDisposable
{
    private readonly string _name;
    private readonly Func<string, LuceneDirectory> _createDirectory;
    private readonly double _ramBufferMb;
    private readonly Analysis.SmartCnTextAnalyzer _analyzer;
    private readonly int _searchThreads;
    private readonly bool _keepSegments;
    private readonly Lock _registryLock = new();
    private readonly ReaderWriterLockSlim _snapshotLock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, IndexPartition> _partitions = new(StringComparer.Ordinal);

    /// <summary>The public partition's commit-data key that lists the tenant partitions.</summary>
    private const string TenantsKey = "tenants";

    /// <summary>The public partition's commit-data key that records the embedding model's fingerprint (hybrid matching).</summary>
    private const string EmbeddingModelKey = "embedding.model";

    private bool _opened;

    public PartitionSet(string name, Func<string, LuceneDirectory> createDirectory, double ramBufferMb, IEnumerable<string> existingTenants, bool verifyChecksums, Analysis.SmartCnTextAnalyzer analyzer, int searchThreads = 1, bool keepSegments = false)
    {
        _keepSegments = keepSegments;
        _name = name;
        _searchThreads = searchThreads;
        _analyzer = analyzer;
        _createDirectory = createDirectory;
        _ramBufferMb = ramBufferMb;
        try
        {
            // The public partition's commits list every tenant partition, so a lost one is damage, never an empty tenant.
            var committed = GetOrOpen(TenantPartitioning.PublicKey).CommitData.TryGetValue(TenantsKey, out var list)
                ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
                : [];
            var missing = committed.Except(existingTenants, StringComparer.Ordinal).ToArray();
            if (missing.Length > 0)
            {
                throw new IndexCorruptedException(
                    $"The index at '{name}' is missing the partitions of tenants {string.Join(", ", missing.Take(5))} (租户分区缺失); restore them or rebuild the index from the source documents.",
                    "open",
                    name);
            }

            foreach (var tenant in existingTenants)
            {
                Open(TenantPartitioning.PrivateKeyOf(tenant), committed.Contains(tenant));
            }

            EmbeddingModel = Public.CommitData.GetValueOrDefault(EmbeddingModelKey);
            _opened = true;

            if (verifyChecksums)
            {
                foreach (var p in All())
                {
                    p.VerifyChecksums();
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Called with every scope opened (a test seam that proves which read paths go through a scope).</summary>
    public Action<SearchScope>? ScopeOpened { get; set; }

    public IndexPartition Public => Get(TenantPartitioning.PublicKey)!;

    public IndexPartition? Get(string key)
    {
        lock (_registryLock)
        {
            return _partitions.GetValueOrDefault(key);
        }
    }

    public IndexPartition GetOrOpen(string key) => Open(key, mustExist: false);

    /// <summary>
    /// The fingerprint of the embedding model whose vectors the index holds (see <see cref="Embeddings.EmbeddingOptions.Fingerprint"/>),
    /// recorded with the public partition's commits; <see langword="null"/> for a lexical index.
    /// </summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>The tenants that have a partition and the embedding model, for the public partition's commit data.</summary>
    public IReadOnlyDictionary<string, string> PublicCommitData()
    {
        var data = new Dictionary<string, string>
        {
            [TenantsKey] = string.Join(' ', All().Select(p => TenantPartitioning.TenantOf(p.Key)).OfType<string>().Order(StringComparer.Ordinal)),
        };
        if (EmbeddingModel is { } model)
        {
            data[EmbeddingModelKey] = model;
        }

        return data;
    }

    /// <summary>Every live document of every partition (committed state), for re-embedding.</summary>
    public List<MatchDocument> ReadAll()
    {
        var documents = new List<MatchDocument>();
        foreach (var p in All())
        {
            var searcher = p.Searchers.Acquire();
            try
            {
                var reader = searcher.IndexReader;
                var live = MultiFields.GetLiveDocs(reader);
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    if (live is null || live.Get(doc))
                    {
                        documents.Add(DocumentMapper.FromLucene(reader.Document(doc)));
                    }
                }
            }
            finally
            {
                p.Searchers.Release(searcher);
            }
        }

        return documents;
    }

    /// <summary>Whether no partition holds a document (committed state).</summary>
    public bool IsEmpty()
    {
        foreach (var p in All())
        {
            var searcher = p.Searchers.Acquire();
            try
            {
                if (searcher.IndexReader.NumDocs > 0)
                {
                    return false;
                }
            }
            finally
            {
                p.Searchers.Release(searcher);
            }
        }

        return true;
    }

    private IndexPartition Open(string key, bool mustExist)
    {
        lock (_registryLock)
        {
            if (!_partitions.TryGetValue(key, out var partition))
            {
                var directory = _createDirectory(key);
                try
                {
                    partition = new IndexPartition(key, directory, key == TenantPartitioning.PublicKey ? _name : $"{_name} [{key}]", _ramBufferMb, mustExist, _keepSegments);
                }
                catch
                {
                    directory.Dispose();
                    throw;
                }

                _partitions[key] = partition;
                if (_opened)
                {
                    // A new tenant partition: the public partition records it with this batch's commit.
                    _partitions[TenantPartitioning.PublicKey].Dirty = true;
                }
            }

            return partition;
        }
    }

    public IndexPartition[] All()
    {
        lock (_registryLock)
        {
            return [.. _partitions.Values];
        }
    }

    /// <summary>A scope over the public partition and the tenant's own, from one consistent snapshot.</summary>
    public SearchScope OpenScope(string tenant)
    {
        var keys = TenantPartitioning.KeysFor(tenant);
        var acquired = new List<(SearcherManager Manager, IndexSearcher Searcher)>(keys.Length);
        _snapshotLock.EnterReadLock();
        try
        {
            foreach (var key in keys)
            {
                if (Get(key) is { } partition)
                {
                    var manager = partition.Searchers;
                    acquired.Add((manager, manager.Acquire()));
                }
            }
        }
        catch
        {
            Release(acquired);
            throw;
        }
        finally
        {
            _snapshotLock.ExitReadLock();
        }

        IndexSearcher searcher;
        Action release;
        if (acquired.Count == 1)
        {
            searcher = acquired[0].Searcher;
            release = () => Release(acquired);
        }
        else
        {
            var reader = new MultiReader([.. acquired.Select(a => a.Searcher.IndexReader)], closeSubReaders: false);
            searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
            release = () =>
            {
                reader.Dispose();
                Release(acquired);
            };
        }

        var scope = new SearchScope(tenant, searcher, _name, release, _analyzer, _searchThreads);
        ScopeOpened?.Invoke(scope);
        return scope;
    }

    /// <summary>Counts over every partition (the administrative view).</summary>
    public IndexStatistics AllTenantsStatistics()
    {
        var partitions = All();
        var counts = new IndexStatistics[partitions.Length];
        for (var i = 0; i < partitions.Length; i++)
        {
            var manager = partitions[i].Searchers;
            var searcher = manager.Acquire();
            try
            {
                counts[i] = Statistics(searcher, [partitions[i]]);
            }
            finally
            {
                manager.Release(searcher);
            }
        }

        var kinds = Enum.GetValues<DocumentKind>().ToDictionary(k => k, k => counts.Sum(c => c.DocumentCounts[k]));
        return new IndexStatistics(kinds, counts.Sum(c => c.DeletedDocuments), counts.Max(c => c.LastCommit), counts.Max(c => c.CommitGeneration));
    }

    /// <summary>Counts per kind, deletes and the last commit of what <paramref name="searcher"/> reads.</summary>
    public static IndexStatistics Statistics(IndexSearcher searcher, IReadOnlyList<IndexPartition> partitions)
    {
        var counts = Enum.GetValues<DocumentKind>().ToDictionary(
            k => k,
            k => searcher.Search(new TermQuery(new Term(IndexFields.Kind, IndexFields.KindValue(k))), 1).TotalHits);
        return new IndexStatistics(counts, searcher.IndexReader.NumDeletedDocs, partitions.Max(p => p.LastCommit), partitions.Max(p => p.Generation));
    }

    /// <summary>Makes the prepared commits of <paramref name="partitions"/> durable and visible in one switch.</summary>
    public void FinishCommits(IReadOnlyList<IndexPartition> partitions)
    {
        _snapshotLock.EnterWriteLock();
        try
        {
            foreach (var p in partitions)
            {
                p.FinishCommit();
            }
        }
        finally
        {
            _snapshotLock.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        foreach (var p in All())
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

        try
        {
            _snapshotLock.Dispose();
        }
        catch (SynchronizationLockException)
        {
            // A late reader still holds it (the facade waits for reads to drain first); the lock is only memory.
        }
    }

    private static void Release(List<(SearcherManager Manager, IndexSearcher Searcher)> acquired)
    {
        foreach (var (manager, searcher) in acquired)
        {
            manager.Release(searcher);
        }
    }
}
