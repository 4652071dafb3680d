namespace Quanzhou.Matching.EndToEnd;

/// <summary>Needs from the demo corpus (samples/Quickstart/Data, topic 1: 运动鞋防水透气膜) and their expected top result.</summary>
internal static class DemoNeeds
{
    /// <summary>need-001's title and the core of its description, as a technology manager would type it.</summary>
    public const string WaterproofMembrane = "寻求低成本跑鞋防水透气膜技术：跑鞋雨天渗水、闷脚，希望找到国产TPU或ePTFE防水透气膜及鞋面复合工艺，透湿量≥8000 g/(m²·24h)";

    /// <summary>The topic's TPU membrane achievement, ranked first by the shipped model for this need.</summary>
    public const string WaterproofMembraneTopAchievement = "ach-0001";
}
