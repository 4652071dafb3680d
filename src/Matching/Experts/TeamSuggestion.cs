namespace Quanzhou.Matching.Experts;

/// <summary>A suggested expert team (专家团队) for a need: members in the order chosen, and what they do and do not cover.</summary>
/// <param name="Members">The members, in the order the greedy cover chose them (the first adds the most).</param>
/// <param name="SubTopics">All sub-topics of the need, most important first.</param>
/// <param name="Uncovered">Sub-topics no member covers.</param>
/// <param name="CoverageRatio">Covered sub-topic weight ÷ total sub-topic weight, 0–1 (0 when the need has no sub-topics).</param>
public sealed record TeamSuggestion(
    IReadOnlyList<TeamMember> Members,
    IReadOnlyList<SubTopic> SubTopics,
    IReadOnlyList<SubTopic> Uncovered,
    double CoverageRatio);
