namespace Quanzhou.Matching;

/// <summary>What happened to one document of a bulk write.</summary>
/// <param name="Id">The document id (or the record's position when it had no usable id).</param>
/// <param name="Accepted">Whether the document was written.</param>
/// <param name="Reason">Why it was rejected; <see langword="null"/> when accepted.</param>
public sealed record IndexingOutcome(string Id, bool Accepted, string? Reason = null)
{
    /// <summary>
    /// When the document was refused because another tenant owns its id, that tenant (see
    /// <see cref="DocumentOwnershipException"/>); otherwise <see langword="null"/>.
    /// </summary>
    public string? Owner { get; init; }
}
