namespace Quanzhou.Matching.Templates;

/// <summary>One thing a need of an industry should state (material, process, performance target …).</summary>
/// <param name="Key">A stable key; also the attribute key a portal form can fill (e.g. <c>performanceTarget</c>).</param>
/// <param name="Label">The field's name for people (e.g. 性能指标).</param>
/// <param name="Prompt">The question to ask the poster when the field is missing.</param>
public sealed record NeedTemplateField(string Key, string Label, string Prompt);
