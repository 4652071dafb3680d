namespace Quanzhou.Matching;

/// <summary>
/// A store of needs, achievements and experts that can be searched. Writes are upserts by id; a bulk write is durable
/// (committed) when its task completes, so a host that did not see the result can safely write the same batch again.
/// </summary>
/// <remarks>Implementations are thread-safe: one instance per index, shared by all callers.</remarks>
public abstract class MatchIndex : IDisposable, IAsyncDisposable
{
    /// <summary>A name for logs and errors (a folder path or <c>memory</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Inserts or replaces documents by id and commits. Bad documents are rejected one by one, not the batch.</summary>
    /// <param name="documents">The documents.</param>
    /// <param name="progress">Receives progress; optional.</param>
    /// <param name="cancellationToken">Cancels before the commit; nothing of the batch is committed then.</param>
    /// <returns>One outcome per document.</returns>
    public abstract Task<BulkIndexResult> UpsertManyAsync(IEnumerable<MatchDocument> documents, IProgress<IndexingProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces one document and commits.</summary>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    public virtual async Task<IndexingOutcome> UpsertAsync(MatchDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var result = await UpsertManyAsync([document], null, cancellationToken).ConfigureAwait(false);
        return result.Outcomes[0];
    }

    /// <summary>Deletes a document by id and commits.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when a document was deleted.</returns>
    public abstract Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces the whole contents with <paramref name="documents"/> in one commit: readers see the old or the new index, never a mix.</summary>
    /// <param name="documents">The new contents.</param>
    /// <param name="progress">Receives progress; optional.</param>
    /// <param name="cancellationToken">Cancels before the commit; the old contents stay then.</param>
    /// <returns>One outcome per document.</returns>
    public abstract Task<BulkIndexResult> RebuildAsync(IEnumerable<MatchDocument> documents, IProgress<IndexingProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a document by id if the tenant may see it.</summary>
    /// <param name="id">The id.</param>
    /// <param name="tenant">The caller's tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document, or <see langword="null"/> when absent or not visible.</returns>
    public abstract Task<MatchDocument?> GetAsync(string id, string tenant, CancellationToken cancellationToken = default);

    /// <summary>Gets document counts and commit information.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics.</returns>
    public abstract Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns an implementation object (e.g. the Lucene.Net searcher manager) for advanced callers, or <see langword="null"/>.</summary>
    /// <param name="serviceType">The wanted type.</param>
    /// <returns>The object or <see langword="null"/>.</returns>
    public virtual object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing"><see langword="true"/> from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Releases resources asynchronously.</summary>
    /// <returns>A task.</returns>
    protected virtual ValueTask DisposeAsyncCore()
    {
        Dispose(disposing: true);
        return ValueTask.CompletedTask;
    }
}
