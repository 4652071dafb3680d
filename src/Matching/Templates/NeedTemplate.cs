namespace Quanzhou.Matching.Templates;

/// <summary>What a technology need (技术需求) of one industry should state before it is published.</summary>
/// <param name="IndustryId">The taxonomy cluster id the template applies to (<c>*</c> for the generic template).</param>
/// <param name="Name">The template's name.</param>
/// <param name="Fields">The fields, most important first.</param>
public sealed record NeedTemplate(string IndustryId, string Name, IReadOnlyList<NeedTemplateField> Fields);
