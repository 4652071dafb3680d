namespace Quanzhou.Matching;

/// <summary>The root of operational failures in Quanzhou.Matching (the Lucene.Net or ML.NET error, if any, is the <see cref="Exception.InnerException"/>).</summary>
public class MatchingException : Exception
{
    /// <summary>Creates an exception.</summary>
    public MatchingException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MatchingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MatchingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the operation and index.</summary>
    /// <param name="message">The message.</param>
    /// <param name="operation">The operation that failed, e.g. <c>commit</c>.</param>
    /// <param name="indexName">The index name or path.</param>
    /// <param name="innerException">The cause.</param>
    public MatchingException(string message, string? operation, string? indexName, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        IndexName = indexName;
    }

    /// <summary>The operation that failed, if known.</summary>
    public string? Operation { get; }

    /// <summary>The index name or path, if known.</summary>
    public string? IndexName { get; }
}
