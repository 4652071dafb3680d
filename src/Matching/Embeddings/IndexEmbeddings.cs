using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Embeddings;

/// <summary>
/// The embedding rule of one index: which model's vectors it holds (recorded in the public partition's commits) against
/// the model it was opened with, and what that allows.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Same fingerprint: hybrid reads; writes embed their documents and store the vectors in the same commit.</item>
/// <item>No model configured and none recorded: lexical, exactly as without this feature.</item>
/// <item>An empty index adopts the configured model (or none) with its next write.</item>
/// <item>Otherwise matching and upserts are refused with <see cref="EmbeddingModelMismatchException"/> (vectors of two
/// models are never mixed, and a query is never compared with another model's vectors); <c>RebuildAsync</c> and
/// <c>RebuildEmbeddingsAsync</c> re-record, deletes and lookups work. Opening without a model an index that holds vectors
/// still matches lexically (the vectors are ignored), so a host can drop its model and rebuild.</item>
/// </list>
/// </remarks>
internal sealed class IndexEmbeddings
{
    private readonly PartitionSet _partitions;
    private readonly string _indexName;

    public IndexEmbeddings(EmbeddingOptions? options, PartitionSet partitions, string indexName)
    {
        Embedder = options is null ? null : new Embedder(options);
        _partitions = partitions;
        _indexName = indexName;
    }

    /// <summary>The configured model, or <see langword="null"/> for a lexical index.</summary>
    public Embedder? Embedder { get; }

    /// <summary>The fingerprint the index's last commit recorded.</summary>
    public string? Recorded => _partitions.EmbeddingModel;

    /// <summary>The model to embed queries with, <see langword="null"/> for lexical matching.</summary>
    /// <exception cref="EmbeddingModelMismatchException">The index holds no vectors or another model's.</exception>
    public Embedder? ForMatching(string operation)
    {
        if (Embedder is null || Recorded == Embedder.Fingerprint)
        {
            return Embedder;
        }

        return Recorded is null && _partitions.IsEmpty()
            ? null
            : throw new EmbeddingModelMismatchException(Recorded, Embedder.Fingerprint, operation, _indexName);
    }

    /// <summary>Refuses a write that would mix models; a rebuild (<paramref name="replaceAll"/>) re-records.</summary>
    /// <exception cref="EmbeddingModelMismatchException">The index holds documents of another model (or none) than the configured one.</exception>
    public void CheckWrite(bool replaceAll, string operation)
    {
        var target = Embedder?.Fingerprint;
        if (!replaceAll && target != Recorded && !_partitions.IsEmpty())
        {
            throw new EmbeddingModelMismatchException(Recorded, target, operation, _indexName);
        }
    }

    /// <summary>
    /// Runs a write that stores the configured model's vectors (or none), recording its fingerprint with the write's
    /// commit; on failure the recorded fingerprint stays as it was (the partitions go back to their last commit).
    /// </summary>
    public T Recording<T>(bool replaceAll, string operation, Func<T> write)
    {
        CheckWrite(replaceAll, operation);
        var previous = Recorded;
        var target = Embedder?.Fingerprint;
        if (target != previous)
        {
            _partitions.EmbeddingModel = target;
            _partitions.GetOrOpen(TenantPartitioning.PublicKey).Dirty = true;
        }

        try
        {
            return write();
        }
        catch
        {
            _partitions.EmbeddingModel = previous;
            throw;
        }
    }

    /// <summary>The vectors of <paramref name="documents"/> (aligned), or <see langword="null"/> without a model.</summary>
    public async Task<float[][]?> EmbedAsync(IReadOnlyList<MatchDocument> documents, IProgress<IndexingProgress>? progress, CancellationToken cancellationToken)
    {
        if (Embedder is null || documents.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < documents.Count; i++)
        {
            _ = documents[i] ?? throw new ArgumentException($"Document at position {i} is null.", nameof(documents));
        }

        var embedded = progress is null ? null : new Progress(progress, documents.Count);
        return await Embedder.EmbedDocumentsAsync(documents, embedded, _indexName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forwards embedding counts as <see cref="IndexingProgress.Embedded"/> (synchronously: no context hop).</summary>
    private sealed class Progress(IProgress<IndexingProgress> inner, int total) : IProgress<int>
    {
        public void Report(int value) => inner.Report(new IndexingProgress(0, total, 0) { Embedded = value });
    }
}
