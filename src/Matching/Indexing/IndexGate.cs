namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The lifecycle and concurrency rules of one <see cref="LuceneMatchIndex"/>: writes run one at a time, reads may not
/// be disposed under, damage met while reading surfaces as <see cref="IndexCorruptedException"/>, and an index whose
/// failed write could not be rolled back refuses further use.
/// </summary>
internal sealed class IndexGate(string name, object owner, Func<Exception?> faulted)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _activeReads;
    private int _disposed;

    /// <summary>Runs a read while the index cannot be disposed under it; damage met while reading surfaces typed.</summary>
    public T Guarded<T>(string operation, Func<T> read)
    {
        Interlocked.Increment(ref _activeReads);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, owner);
            return read();
        }
        catch (Exception ex) when (CorruptionGuard.IsCorruption(ex))
        {
            throw CorruptionGuard.Wrap(ex, operation, name);
        }
        finally
        {
            Interlocked.Decrement(ref _activeReads);
        }
    }

    /// <summary>Runs a write (or a verification) alone, on the thread pool, after the index proved usable.</summary>
    public Task<T> ExclusiveAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        ExclusiveCoreAsync(() => Task.Run(work, cancellationToken), cancellationToken);

    /// <summary>Runs asynchronous work alone (e.g. embedding then writing), after the index proved usable.</summary>
    public async Task<T> ExclusiveCoreAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfUnusable();
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Throws when the index is disposed or could not recover from a failed write.</summary>
    public void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, owner);
        if (faulted() is { } fault)
        {
            throw new MatchingException($"The index '{name}' could not recover from a failed write (索引写入失败后无法恢复): {fault.Message}. Dispose it and open it again.", "write", name, fault);
        }
    }

    /// <summary>
    /// Closes once: lets an in-flight write finish its commit and in-flight reads release their searchers (new calls
    /// see the flag), then runs <paramref name="close"/>.
    /// </summary>
    public void Close(Action close)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writeLock.Wait();
        try
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref _activeReads) == 0, TimeSpan.FromSeconds(30));
            close();
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
