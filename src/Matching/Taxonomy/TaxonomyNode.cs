namespace Quanzhou.Matching.Taxonomy;

/// <summary>A cluster or sub-field of an industry taxonomy.</summary>
/// <param name="Id">A stable id, dot-separated from the root cluster (e.g. <c>new-materials.graphene</c>).</param>
/// <param name="Name">The display name (e.g. 石墨烯).</param>
/// <param name="ParentId">The parent's id, or <see langword="null"/> for a top-level cluster.</param>
/// <param name="Synonyms">Other names of the field.</param>
/// <param name="Keywords">Terms that signal the field in a text (normalised).</param>
public sealed record TaxonomyNode(string Id, string Name, string? ParentId, IReadOnlyList<string> Synonyms, IReadOnlyList<string> Keywords);
