using System.Text.RegularExpressions;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Templates;

/// <summary>
/// Industry templates for technology needs and a completeness check that names the missing fields, so a portal can
/// prompt the poster before publishing. A field counts as present when the need carries it as structured data (budget,
/// maturity, region, or an attribute with the field's key) or its text states it (e.g. a number with a unit after
/// 不低于/≥ for a performance target).
/// </summary>
public static partial class NeedTemplates
{
    private static readonly NeedTemplateField Material = new("material", "材料 (material)", "涉及哪些材料或原料？(Which materials?)");
    private static readonly NeedTemplateField Process = new("process", "工艺 (process)", "现有工艺或希望采用的技术路线是什么？(Which process?)");
    private static readonly NeedTemplateField Performance = new("performanceTarget", "性能指标 (performance target)", "需要达到哪些可量化的性能指标？(Which measurable targets?)");
    private static readonly NeedTemplateField Cost = new("costTarget", "成本目标 (cost target)", "成本需控制在什么水平？(What cost target?)");
    private static readonly NeedTemplateField Scale = new("scale", "规模 (scale)", "预计产能或应用规模？(What production scale?)");
    private static readonly NeedTemplateField Timeline = new("timeline", "时间要求 (timeline)", "希望何时完成中试或量产？(By when?)");
    private static readonly NeedTemplateField Trl = new("maturity", "成熟度 (TRL)", "需要的技术成熟度：实验室/小试/中试/产业化？(Which maturity?)");
    private static readonly NeedTemplateField Budget = new("budget", "预算 (budget)", "预算区间是多少？(What budget?)");
    private static readonly NeedTemplateField Region = new("region", "地区 (region)", "企业所在县区？(Which county/district?)");
    private static readonly NeedTemplateField Equipment = new("equipment", "设备 (equipment)", "涉及哪些设备或产线？(Which equipment?)");

    /// <summary>The generic template (any industry).</summary>
    public static NeedTemplate Generic { get; } = new("*", "通用技术需求", [Performance, Process, Scale, Timeline, Trl, Budget, Region]);

    /// <summary>The shipped templates per industry cluster.</summary>
    public static IReadOnlyList<NeedTemplate> Default { get; } =
    [
        new("textiles-apparel", "纺织服装技术需求", [Material, Process, Performance, Cost, Scale, Timeline, Trl, Budget, Region]),
        new("shoes", "鞋业技术需求", [Material, Process, Performance, Cost, Scale, Timeline, Trl, Budget, Region]),
        new("machinery", "装备制造技术需求", [Equipment, Performance, Process, Scale, Timeline, Trl, Budget, Region]),
        new("building-materials", "建材家居技术需求", [Material, Process, Performance, Cost, Scale, Timeline, Trl, Budget, Region]),
        new("new-materials", "新材料技术需求", [Material, Process, Performance, Cost, Scale, Timeline, Trl, Budget, Region]),
        new("new-energy", "新能源技术需求", [Material, Performance, Cost, Scale, Timeline, Trl, Budget, Region]),
        new("food", "食品饮料技术需求", [Material, Process, Performance, Scale, Timeline, Trl, Budget, Region]),
        new("electronics-ic", "电子信息技术需求", [Equipment, Performance, Process, Scale, Timeline, Trl, Budget, Region]),
    ];

    /// <summary>The template for a need: the first of its industry tags with a template, else <see cref="Generic"/>.</summary>
    /// <param name="need">The need.</param>
    /// <returns>The template.</returns>
    public static NeedTemplate For(TechNeed need)
    {
        ArgumentNullException.ThrowIfNull(need);
        return need.IndustryTags.Select(t => Default.FirstOrDefault(x => x.IndustryId == t || t.StartsWith(x.IndustryId + ".", StringComparison.Ordinal))).FirstOrDefault(t => t is not null) ?? Generic;
    }

    /// <summary>Checks a need against its template.</summary>
    /// <param name="need">The need.</param>
    /// <param name="template">The template; <see langword="null"/> for <see cref="For"/>.</param>
    /// <returns>The completeness with present and missing fields.</returns>
    public static NeedCompleteness Evaluate(TechNeed need, NeedTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(need);
        template ??= For(need);
        var text = ChineseTextNormalizer.Default.Normalize(need.GetSearchText());
        var present = template.Fields.Where(f => IsPresent(need, f, text)).ToArray();
        var missing = template.Fields.Except(present).ToArray();
        return new NeedCompleteness(template, template.Fields.Count == 0 ? 1 : (double)present.Length / template.Fields.Count, present, missing);
    }

    private static bool IsPresent(TechNeed need, NeedTemplateField field, string text)
    {
        if (need.Attributes.TryGetValue(field.Key, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        return field.Key switch
        {
            "budget" => need.Budget is not null,
            "maturity" => need.Maturity is not null || MaturityText().IsMatch(text),
            "region" => need.Region is not null,
            "performanceTarget" => PerformanceText().IsMatch(text),
            "costTarget" => CostText().IsMatch(text),
            "scale" => ScaleText().IsMatch(text),
            "timeline" => TimelineText().IsMatch(text),
            "material" => MaterialText().IsMatch(text),
            "process" => ProcessText().IsMatch(text),
            "equipment" => EquipmentText().IsMatch(text),
            _ => false,
        };
    }

    [GeneratedRegex(@"(≥|≤|>|<|不低于|不高于|不少于|不超过|达到|以上|以内|提高|降低)\s*\d|\d+(\.\d+)?\s*(%|mpa|kpa|g/|mah|w/|mm|℃|°c|小时|次|倍)", RegexOptions.CultureInvariant)]
    private static partial Regex PerformanceText();

    [GeneratedRegex(@"成本|降本|单价|元/|价格", RegexOptions.CultureInvariant)]
    private static partial Regex CostText();

    [GeneratedRegex(@"年产|产能|日产|万双|万件|万吨|吨/|批量|规模化|生产线", RegexOptions.CultureInvariant)]
    private static partial Regex ScaleText();

    [GeneratedRegex(@"\d+\s*个?月|\d+\s*年内|年底|年内|季度|\d{4}\s*年", RegexOptions.CultureInvariant)]
    private static partial Regex TimelineText();

    [GeneratedRegex(@"实验室|小试|中试|产业化|量产|trl\s*\d", RegexOptions.CultureInvariant)]
    private static partial Regex MaturityText();

    [GeneratedRegex(@"材料|原料|tpu|eva|涤纶|聚酯|橡胶|纤维|树脂|陶瓷|石墨烯|合金|钢|膜|胶|浆料|正极|负极|电解液", RegexOptions.CultureInvariant)]
    private static partial Regex MaterialText();

    [GeneratedRegex(@"工艺|制备|成型|加工|处理|技术路线|配方|合成|涂覆|染色|发泡", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessText();

    [GeneratedRegex(@"设备|机床|产线|生产线|装备|机器人|传感器|控制系统", RegexOptions.CultureInvariant)]
    private static partial Regex EquipmentText();
}
