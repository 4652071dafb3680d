namespace Quanzhou.Matching.Assessment;

/// <summary>One candidate contract type for a matched pair, with the reasons that point to it. An estimate, not legal advice.</summary>
/// <param name="Type">The contract type.</param>
/// <param name="Name">Its Chinese name: 技术开发, 技术转让, 技术许可, 技术咨询 or 技术服务.</param>
/// <param name="Confidence">The type's share of all rule points for the pair, in [0, 1].</param>
/// <param name="Reasons">Why, one line per rule that fired (bilingual where useful).</param>
public sealed record ContractTypeHint(TechnologyContractType Type, string Name, double Confidence, IReadOnlyList<string> Reasons);
