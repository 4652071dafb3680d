namespace Quanzhou.Matching;

/// <summary>The index files are corrupt or unreadable; rebuild the index from the source documents. (索引已损坏)</summary>
public sealed class IndexCorruptedException : MatchingException
{
    /// <summary>Creates an exception.</summary>
    public IndexCorruptedException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IndexCorruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IndexCorruptedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the operation and index.</summary>
    /// <param name="message">The message.</param>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="indexName">The index name or path.</param>
    /// <param name="innerException">The cause.</param>
    public IndexCorruptedException(string message, string? operation, string? indexName, Exception? innerException = null)
        : base(message, operation, indexName, innerException)
    {
    }
}
