namespace Quanzhou.Matching.Taxonomy;

/// <summary>A suggested tag with its confidence and the evidence for it.</summary>
/// <param name="TagId">The taxonomy node id (or a classifier label).</param>
/// <param name="Name">The display name.</param>
/// <param name="Confidence">Confidence in [0, 1].</param>
/// <param name="Evidence">The keywords found, or the classifier's name.</param>
public sealed record TagSuggestion(string TagId, string Name, double Confidence, IReadOnlyList<string> Evidence);
