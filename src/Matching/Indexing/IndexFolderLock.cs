namespace Quanzhou.Matching.Indexing;

/// <summary>
/// An operating-system lock on an index folder, held while the index is open, so that a second writer in another
/// process gets <see cref="IndexLockedException"/>. Lucene.Net 4.8's lock file alone does not hold across processes on
/// Linux; an open <see cref="FileStream"/> with <see cref="FileShare.None"/> does (.NET takes an advisory
/// <c>flock</c> on Unix and a share-mode lock on Windows). The kernel releases it when the process dies, so a lock left
/// by a killed process never blocks a new writer.
/// </summary>
internal sealed class IndexFolderLock : IDisposable
{
    /// <summary>The lock file's name in the index root.</summary>
    public const string FileName = "quanzhou.lock";

    private readonly FileStream _stream;

    private IndexFolderLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock on <paramref name="root"/> or throws <see cref="IndexLockedException"/>.</summary>
    public static IndexFolderLock Acquire(string root)
    {
        var path = Path.Combine(root, FileName);
        try
        {
            return new IndexFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new IndexLockedException(
                $"The index at '{root}' is open for writing in another process or instance (索引已被其他进程锁定). Close it first.", "open", root, ex);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
