namespace Quanzhou.Matching;

/// <summary>A ranking model was rejected: its hash, schema or canary prediction did not match its manifest. The model was not used. (模型无效)</summary>
public sealed class InvalidModelException : MatchingException
{
    /// <summary>Creates an exception.</summary>
    public InvalidModelException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InvalidModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidModelException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the operation and index.</summary>
    /// <param name="message">The message.</param>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="indexName">The index name or path.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidModelException(string message, string? operation, string? indexName, Exception? innerException = null)
        : base(message, operation, indexName, innerException)
    {
    }
}
