namespace Quanzhou.Matching;

/// <summary>
/// A write named a document id that another tenant owns (文档归属其他租户). Ids are unique in an index and a document
/// belongs to the tenant that first wrote it (<see cref="MatchDocument.Tenant"/>): only that tenant may replace, move or
/// delete it.
/// </summary>
public sealed class DocumentOwnershipException : MatchingException
{
    /// <summary>Creates an exception.</summary>
    public DocumentOwnershipException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DocumentOwnershipException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DocumentOwnershipException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the document, its owner and the tenant that tried to write it.</summary>
    /// <param name="documentId">The document id.</param>
    /// <param name="owner">The tenant that owns the id.</param>
    /// <param name="tenant">The tenant that tried to write it.</param>
    /// <param name="operation">The operation, e.g. <c>upsert</c> or <c>delete</c>.</param>
    /// <param name="indexName">The index name or path.</param>
    public DocumentOwnershipException(string documentId, string owner, string tenant, string? operation, string? indexName)
        : base(Describe(documentId, owner, tenant), operation, indexName)
    {
        DocumentId = documentId;
        Owner = owner;
        Tenant = tenant;
    }

    /// <summary>The document id, if known.</summary>
    public string? DocumentId { get; }

    /// <summary>The tenant that owns the document, if known.</summary>
    public string? Owner { get; }

    /// <summary>The tenant that tried to write it, if known.</summary>
    public string? Tenant { get; }

    /// <summary>The message used for a refused write.</summary>
    /// <param name="documentId">The document id.</param>
    /// <param name="owner">The owning tenant.</param>
    /// <param name="tenant">The writing tenant.</param>
    /// <returns>The bilingual message.</returns>
    public static string Describe(string documentId, string owner, string tenant) =>
        $"Document '{documentId}' belongs to tenant '{owner}'; tenant '{tenant}' cannot write or delete it (文档归属其他租户，无权修改).";
}
