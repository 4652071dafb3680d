namespace Quanzhou.Matching.Experts;

/// <summary>One sub-topic of a need that a team should cover.</summary>
/// <param name="Id">The taxonomy tag id (for <see cref="SubTopicKind.IndustryTag"/>) or the normalised term (for <see cref="SubTopicKind.Term"/>).</param>
/// <param name="Label">A readable label: the tag's Chinese name or the term.</param>
/// <param name="Kind">Where the sub-topic comes from.</param>
/// <param name="Weight">Its weight in the coverage, 0–1: the tag's confidence, or the term's idf relative to the need's most informative term.</param>
public sealed record SubTopic(string Id, string Label, SubTopicKind Kind, double Weight);
