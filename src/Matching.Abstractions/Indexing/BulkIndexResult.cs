namespace Quanzhou.Matching;

/// <summary>The per-document outcomes of a bulk write. Accepted documents are durable when the call returns.</summary>
/// <param name="Outcomes">One outcome per input document, in input order.</param>
public sealed record BulkIndexResult(IReadOnlyList<IndexingOutcome> Outcomes)
{
    /// <summary>How many documents were written.</summary>
    public int Accepted => Outcomes.Count(o => o.Accepted);

    /// <summary>How many documents were rejected.</summary>
    public int Rejected => Outcomes.Count(o => !o.Accepted);
}
