namespace Quanzhou.Matching;

/// <summary>
/// A store of needs, achievements and experts that can be searched. Writes are upserts by id; a bulk write is durable
/// (committed) when its task completes, so a host that did not see the result can safely write the same batch again.
/// </summary>
/// <remarks>
/// <para>Ownership: an id names one document in an index, and the document belongs to its <see cref="MatchDocument.Tenant"/>.
/// A write can only create, replace, move (between visibilities) or delete documents of the tenant it names: a document
/// whose id another tenant owns is refused (<see cref="IndexingOutcome.Owner"/> in a bulk result,
/// <see cref="DocumentOwnershipException"/> from <see cref="UpsertAsync"/> and <see cref="DeleteAsync"/>).</para>
/// <para>Implementations are thread-safe: one instance per index, shared by all callers.</para>
/// </remarks>
public abstract class MatchIndex : IDisposable, IAsyncDisposable
{
    /// <summary>A name for logs and errors (a folder path or <c>memory</c>).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Inserts or replaces documents by id and commits. Bad documents, and documents whose id another tenant owns, are
    /// rejected one by one in the outcomes; the rest of the batch is written. Within a batch, the first copy of an id
    /// that is new to the index decides its owner; later copies by the same tenant replace earlier ones (the last wins,
    /// the earlier are reported as superseded), copies by another tenant are refused.
    /// </summary>
    /// <param name="documents">The documents.</param>
    /// <param name="progress">Receives progress; optional.</param>
    /// <param name="cancellationToken">Cancels before the commit; nothing of the batch is committed then.</param>
    /// <returns>One outcome per document.</returns>
    public abstract Task<BulkIndexResult> UpsertManyAsync(IEnumerable<MatchDocument> documents, IProgress<IndexingProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces one document and commits.</summary>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome (not accepted when the document failed analysis).</returns>
    /// <exception cref="DocumentOwnershipException">Another tenant owns the document's id.</exception>
    public virtual async Task<IndexingOutcome> UpsertAsync(MatchDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var result = await UpsertManyAsync([document], null, cancellationToken).ConfigureAwait(false);
        var outcome = result.Outcomes[0];
        return outcome.Owner is { } owner
            ? throw new DocumentOwnershipException(document.Id, owner, document.Tenant, "upsert", Name)
            : outcome;
    }

    /// <summary>Deletes a document of <paramref name="tenant"/> by id and commits.</summary>
    /// <param name="id">The id.</param>
    /// <param name="tenant">The tenant that owns the document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when a document was deleted; <see langword="false"/> when there is none with this id.</returns>
    /// <exception cref="DocumentOwnershipException">Another tenant owns the document.</exception>
    public abstract Task<bool> DeleteAsync(string id, string tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the whole contents — every tenant's documents — with <paramref name="documents"/> in one switch: readers see
    /// the old or the new index, never a mix. An administrative call: ownership of the old contents does not apply.
    /// </summary>
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

    /// <summary>Gets document counts and commit information over every tenant's documents (an administrative view).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics.</returns>
    public abstract Task<IndexStatistics> GetStatisticsForAllTenantsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets document counts and commit information over what <paramref name="tenant"/> may see: public documents and its own.</summary>
    /// <param name="tenant">The caller's tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics.</returns>
    public abstract Task<IndexStatistics> GetStatisticsAsync(string tenant, CancellationToken cancellationToken = default);

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
