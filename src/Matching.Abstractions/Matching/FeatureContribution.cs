namespace Quanzhou.Matching;

/// <summary>How much one ranking feature moved a result's score.</summary>
/// <param name="Name">The feature's stable name, e.g. <c>bm25_words</c>.</param>
/// <param name="Description">What the feature means, in plain words.</param>
/// <param name="Value">The feature's value for this result.</param>
/// <param name="Contribution">Its signed contribution to the score (positive pushed the result up).</param>
public sealed record FeatureContribution(string Name, string Description, double Value, double Contribution);
