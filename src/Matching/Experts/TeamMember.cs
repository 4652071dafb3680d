namespace Quanzhou.Matching.Experts;

/// <summary>One expert in a suggested team.</summary>
/// <param name="Expert">The expert's match for the need (score, rank, document and explanation with evidence).</param>
/// <param name="Covers">All sub-topics of the need this expert covers.</param>
/// <param name="NewlyCovered">The sub-topics this expert added to the team's coverage when chosen (the reason they are in the team).</param>
public sealed record TeamMember(MatchResult Expert, IReadOnlyList<SubTopic> Covers, IReadOnlyList<SubTopic> NewlyCovered);
