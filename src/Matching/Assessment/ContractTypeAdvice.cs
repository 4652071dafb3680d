namespace Quanzhou.Matching.Assessment;

/// <summary>Contract-type hints for a matched pair, best first. An estimate for a technology manager to confirm.</summary>
/// <param name="Hints">Every type some rule pointed to, by descending confidence (never empty).</param>
public sealed record ContractTypeAdvice(IReadOnlyList<ContractTypeHint> Hints)
{
    /// <summary>The most likely type.</summary>
    public ContractTypeHint Recommended => Hints[0];
}
