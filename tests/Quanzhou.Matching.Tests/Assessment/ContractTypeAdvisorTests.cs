using Quanzhou.Matching.Assessment;

namespace Quanzhou.Matching.Tests.Assessment;

public class ContractTypeAdvisorTests
{
    private static readonly ContractTypeAdvisor Advisor = new();

    [Fact]
    public void Advise_CommissionedResearchWithExpert_IsDevelopment()
    {
        var need = new TechNeed("n", "委托研发鞋用轻量化发泡中底配方") { Description = "希望与高校合作研发新配方。", CooperationModes = CooperationModes.JointDevelopment };
        var expert = new ExpertProfile("e", "李教授") { Description = "高分子发泡材料研究。", CooperationModes = CooperationModes.JointDevelopment | CooperationModes.TechnicalService };

        var advice = Advisor.Advise(need, expert);

        Assert.Equal(TechnologyContractType.Development, advice.Recommended.Type);
        Assert.Equal("技术开发", advice.Recommended.Name);
        Assert.Contains(advice.Recommended.Reasons, r => r.Contains("委托研发", StringComparison.Ordinal));
        Assert.Equal(1.0, advice.Hints.Sum(h => h.Confidence), 3);
    }

    [Fact]
    public void Advise_MaturePatentOfferedForTransfer_IsTransfer()
    {
        var need = new TechNeed("n", "寻求防水透气膜生产技术") { Description = "希望通过专利转让获得技术。", Maturity = Maturity.Parse("中试"), CooperationModes = CooperationModes.Transfer };
        var achievement = new TechAchievement("a", "TPU防水透气膜连续化制备方法") { Description = "已实现量产。", Maturity = Maturity.Parse("产业化"), CooperationModes = CooperationModes.Transfer | CooperationModes.License };

        var advice = Advisor.Advise(need, achievement);

        Assert.Equal(TechnologyContractType.Transfer, advice.Recommended.Type);
        Assert.Contains(advice.Recommended.Reasons, r => r.Contains("专利转让", StringComparison.Ordinal));
        Assert.Contains(advice.Recommended.Reasons, r => r.Contains("合作方式「转让」双方均接受", StringComparison.Ordinal));
    }

    [Fact]
    public void Advise_LicenceWording_IsLicense()
    {
        var need = new TechNeed("n", "寻求抗菌整理技术许可使用") { CooperationModes = CooperationModes.License };
        var achievement = new TechAchievement("a", "银系抗菌整理剂") { Description = "可独占许可或普通许可。", Maturity = Maturity.Parse("TRL7"), CooperationModes = CooperationModes.License };

        Assert.Equal(TechnologyContractType.License, Advisor.Advise(need, achievement).Recommended.Type);
    }

    [Fact]
    public void Advise_TestingAndTrainingByExpert_IsService()
    {
        var need = new TechNeed("n", "需要鞋材物理性能检测及员工培训") { Description = "委托第三方检测。" };
        var expert = new ExpertProfile("e", "王工") { Description = "提供材料检测与技术培训。", CooperationModes = CooperationModes.TechnicalService };

        Assert.Equal(TechnologyContractType.Service, Advisor.Advise(need, expert).Recommended.Type);
    }

    [Fact]
    public void Advise_FeasibilityStudy_IsConsulting()
    {
        var need = new TechNeed("n", "氢能叉车项目可行性论证") { Description = "请专家开展技术评估并出具评估报告。" };
        var expert = new ExpertProfile("e", "陈研究员") { Description = "氢能产业规划与技术咨询。" };

        Assert.Equal(TechnologyContractType.Consulting, Advisor.Advise(need, expert).Recommended.Type);
    }

    [Fact]
    public void Advise_AchievementLessMatureThanRequired_PointsToDevelopment()
    {
        var need = new TechNeed("n", "寻求陶瓷釉料技术") { Maturity = Maturity.Parse("产业化") };
        var achievement = new TechAchievement("a", "低温陶瓷釉料") { Maturity = Maturity.Parse("小试") };

        var advice = Advisor.Advise(need, achievement);

        Assert.Equal(TechnologyContractType.Development, advice.Recommended.Type);
        Assert.Contains(advice.Recommended.Reasons, r => r.Contains("低于需求", StringComparison.Ordinal));
    }

    [Fact]
    public void Advise_UndeclaredMaturity_UsesTheEstimate()
    {
        var need = new TechNeed("n", "寻求再生涤纶技术") { Maturity = Maturity.Parse("中试") };
        var achievement = new TechAchievement("a", "再生涤纶长丝") { Description = "已实现量产，年产5000吨。" };

        var advice = Advisor.Advise(need, achievement);

        Assert.Contains(advice.Hints.SelectMany(h => h.Reasons), r => r.Contains("估计", StringComparison.Ordinal));
        Assert.NotEqual(TechnologyContractType.Development, advice.Recommended.Type);
    }

    [Fact]
    public void Advise_ValidatesArguments()
    {
        var need = new TechNeed("n", "x");
        Assert.Throws<ArgumentNullException>(() => Advisor.Advise(null!, new ExpertProfile("e", "x")));
        Assert.Throws<ArgumentNullException>(() => Advisor.Advise(need, null!));
        Assert.Throws<ArgumentException>(() => Advisor.Advise(need, new TechNeed("n2", "y")));
    }
}
