namespace Quanzhou.Matching;

/// <summary>A document named by id does not exist or is not visible to the caller's tenant. (文档不存在)</summary>
public sealed class DocumentNotFoundException : MatchingException
{
    /// <summary>Creates an exception.</summary>
    public DocumentNotFoundException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DocumentNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DocumentNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the operation and index.</summary>
    /// <param name="message">The message.</param>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="indexName">The index name or path.</param>
    /// <param name="innerException">The cause.</param>
    public DocumentNotFoundException(string message, string? operation, string? indexName, Exception? innerException = null)
        : base(message, operation, indexName, innerException)
    {
    }
}
