namespace Quanzhou.Matching.Templates;

/// <summary>How completely a need states what its industry's template asks for.</summary>
/// <param name="Template">The template used.</param>
/// <param name="Score">Share of the template's fields that are present, in [0, 1].</param>
/// <param name="Present">Fields found (as structured values or in the text).</param>
/// <param name="Missing">Fields to prompt the poster for, most important first.</param>
public sealed record NeedCompleteness(NeedTemplate Template, double Score, IReadOnlyList<NeedTemplateField> Present, IReadOnlyList<NeedTemplateField> Missing);
