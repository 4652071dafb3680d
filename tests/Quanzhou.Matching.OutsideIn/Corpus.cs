namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// Seeded generator of small Chinese needs, achievements and experts. Texts are drawn from a few topics plus words shared
/// by every topic, so documents of different tenants and kinds overlap in vocabulary (the hard case for isolation).
/// </summary>
internal sealed class Corpus(int seed)
{
    private static readonly string[][] Topics =
    [
        ["防水", "透气", "薄膜", "鞋面", "针织", "复合", "透湿", "跑鞋"],
        ["钠离子", "电池", "正极", "材料", "循环", "容量", "储能", "电解液"],
        ["陶瓷", "瓷砖", "烧成", "配方", "釉料", "窑炉", "节能", "坯体"],
        ["茶叶", "发酵", "萃取", "香气", "加工", "品质", "检测", "乌龙茶"],
        ["纺织", "染色", "废水", "回用", "印染", "助剂", "环保", "面料"],
        ["石材", "切割", "粉尘", "回收", "抛光", "设备", "自动化", "花岗岩"],
    ];

    private static readonly string[] Tags = ["shoes", "battery", "ceramics", "tea", "textile", "stone"];

    private static readonly string[] SharedWords = ["工艺", "成本", "效率", "质量", "智能", "控制", "系统", "优化", "生产线", "降低", "提高", "技术"];

    private static readonly string[] Regions = ["泉州", "晋江", "石狮", "南安", "惠安"];

    public Random Random { get; } = new(seed);

    public int Topic() => Random.Next(Topics.Length);

    public string Text(int words, int? topic = null)
    {
        var t = Topics[topic ?? Topic()];
        return string.Concat(Enumerable.Range(0, words).Select(i => Random.Next(3) == 0 ? SharedWords[Random.Next(SharedWords.Length)] : t[Random.Next(t.Length)]));
    }

    public string Title(int topic, string suffix) => Text(3, topic) + suffix;

    public TechNeed Need(string id, string tenant, Visibility visibility, bool challenge = false, int? topic = null)
    {
        var t = topic ?? Topic();
        return new TechNeed(id, Title(t, "需求"))
        {
            Description = Sentences(t),
            Tenant = tenant,
            Visibility = visibility,
            IndustryTags = [Tags[t]],
            Region = Regions[Random.Next(Regions.Length)],
            IsChallenge = challenge,
        };
    }

    public TechAchievement Achievement(string id, string tenant, Visibility visibility, int? topic = null)
    {
        var t = topic ?? Topic();
        return new TechAchievement(id, Title(t, "技术"))
        {
            Description = Sentences(t),
            Tenant = tenant,
            Visibility = visibility,
            IndustryTags = [Tags[t]],
            Organization = $"机构{Random.Next(4)}",
            Region = Regions[Random.Next(Regions.Length)],
        };
    }

    public ExpertProfile Expert(string id, string tenant, Visibility visibility, IReadOnlyList<string> achievementIds, int? topic = null)
    {
        var t = topic ?? Topic();
        return new ExpertProfile(id, $"专家{id}")
        {
            Description = Sentences(t),
            Tenant = tenant,
            Visibility = visibility,
            IndustryTags = [Tags[t]],
            Skills = [Text(2, t), Text(2, t)],
            AchievementIds = achievementIds,
            Organization = $"机构{Random.Next(4)}",
        };
    }

    /// <summary>Any kind, for the ownership model.</summary>
    public MatchDocument Any(string id, string tenant, Visibility visibility, string titleTag) => Random.Next(3) switch
    {
        0 => new TechNeed(id, titleTag + Text(2)) { Tenant = tenant, Visibility = visibility, Description = Text(6) },
        1 => new TechAchievement(id, titleTag + Text(2)) { Tenant = tenant, Visibility = visibility, Description = Text(6) },
        _ => new ExpertProfile(id, titleTag + Text(2)) { Tenant = tenant, Visibility = visibility, Description = Text(6) },
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    private string Sentences(int topic) =>
        string.Join("，", Enumerable.Range(0, 2 + Random.Next(3)).Select(_ => Text(4 + Random.Next(4), Random.Next(5) == 0 ? Topic() : topic))) + "。";
}
