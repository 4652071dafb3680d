namespace Quanzhou.Matching;

/// <summary>Another writer (usually another process) holds the index's write lock. Close it, or open the index read-only. (索引已被锁定)</summary>
public sealed class IndexLockedException : MatchingException
{
    /// <summary>Creates an exception.</summary>
    public IndexLockedException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IndexLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IndexLockedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the operation and index.</summary>
    /// <param name="message">The message.</param>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="indexName">The index name or path.</param>
    /// <param name="innerException">The cause.</param>
    public IndexLockedException(string message, string? operation, string? indexName, Exception? innerException = null)
        : base(message, operation, indexName, innerException)
    {
    }
}
