using System.Globalization;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Assessment;

/// <summary>
/// Hints which technology contract (技术开发, 技术转让, 技术许可, 技术咨询, 技术服务) fits a matched need and achievement or
/// expert. Rule-based and documented as an estimate: a technology manager confirms the type.
/// </summary>
/// <remarks>
/// <para>Each rule adds points to a type; a type's confidence is its share of all points. The rules:</para>
/// <list type="number">
/// <item><description>Text cues (versioned resource <c>Assessment/Resources/contract-cues.txt</c>) in the need's or the
/// supplier's text: 委托研发/合作研发/联合开发 → 开发, 专利转让/技术转让/作价入股 → 转让, 许可使用/独占许可 → 许可,
/// 咨询/可行性论证/评估 → 咨询, 检测/培训/技术服务/现场指导 → 服务 (3 points each, 1 for weak cues).</description></item>
/// <item><description>Cooperation modes (<see cref="CooperationModes"/>) both sides accept (or those either side states
/// when they share none): 转让 → 转让 +2, 许可 → 许可 +2, 作价入股 → 转让 +1, 合作开发 → 开发 +2, 技术服务 → 服务 +2.</description></item>
/// <item><description>Document kind: an expert → 咨询 +1.5, 服务 +1.5, 开发 +1 (a person is engaged, nothing is transferred);
/// an achievement → 转让 +0.5, 许可 +0.5.</description></item>
/// <item><description>Maturity gap (achievements): the achievement's declared maturity, or else its
/// <see cref="MaturityEstimator"/> estimate, against the need's required maturity. Below the requirement → 开发 +2 (it must
/// be developed further); at or above it and at least 中试 (TRL6) → 转让 +1 and 许可 +1; at 实验室 (TRL ≤ 3) → 开发 +1.</description></item>
/// </list>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class ContractTypeAdvisor
{
    private static readonly string[] Names = ["技术开发", "技术转让", "技术许可", "技术咨询", "技术服务"];
    private static readonly Lazy<CueRuleSet> Rules = new(() => CueRuleSet.Load("Quanzhou.Matching.Assessment.contract-cues.txt", Names));

    private readonly MaturityEstimator? _estimator;

    /// <summary>Creates an advisor.</summary>
    /// <param name="estimator">Estimates an achievement's maturity when it declares none; <see langword="null"/> for <see cref="MaturityEstimator.Default"/> (trained on first need).</param>
    public ContractTypeAdvisor(MaturityEstimator? estimator = null) => _estimator = estimator;

    /// <summary>Hints the contract type for a need and a matched achievement or expert.</summary>
    /// <param name="need">The need (需求方).</param>
    /// <param name="supplier">The matched achievement or expert (供给方).</param>
    /// <returns>The hints, best first.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="supplier"/> is a need.</exception>
    public ContractTypeAdvice Advise(TechNeed need, MatchDocument supplier)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(supplier);
        if (supplier.Kind == DocumentKind.Need)
        {
            throw new ArgumentException("The supplier must be an achievement or an expert (供给方须为成果或专家).", nameof(supplier));
        }

        var points = new double[Names.Length];
        var reasons = Names.Select(_ => new List<string>()).ToArray();
        void Add(TechnologyContractType type, double value, string reason)
        {
            points[(int)type - 1] += value;
            reasons[(int)type - 1].Add(reason);
        }

        // 1. Text cues on both sides.
        foreach (var (side, document) in new[] { ("需求", (MatchDocument)need), (supplier.Kind == DocumentKind.Expert ? "专家" : "成果", supplier) })
        {
            var text = ChineseTextNormalizer.Default.Normalize(document.GetSearchText());
            foreach (var hit in Rules.Value.Find(text))
            {
                Add((TechnologyContractType)(Array.IndexOf(Names, hit.Label) + 1), hit.Weight, $"{side}文本提到「{hit.Phrase}」 (text cue)");
            }
        }

        // 2. Cooperation modes: what both sides accept, else what either states.
        var shared = need.CooperationModes & supplier.CooperationModes;
        var modes = shared != CooperationModes.None ? shared : need.CooperationModes | supplier.CooperationModes;
        var modeSource = shared != CooperationModes.None ? "双方均接受" : "一方列出";
        foreach (var mode in CooperationModeNames.ToChinese(modes))
        {
            var reason = $"合作方式「{mode}」{modeSource} (cooperation mode)";
            switch (mode)
            {
                case "转让": Add(TechnologyContractType.Transfer, 2, reason); break;
                case "许可": Add(TechnologyContractType.License, 2, reason); break;
                case "作价入股": Add(TechnologyContractType.Transfer, 1, reason); break;
                case "合作开发": Add(TechnologyContractType.Development, 2, reason); break;
                case "技术服务": Add(TechnologyContractType.Service, 2, reason); break;
            }
        }

        // 3. Kind of supplier.
        if (supplier.Kind == DocumentKind.Expert)
        {
            const string expertReason = "供给方是专家：提供咨询、服务或开发，不转移成果 (expert)";
            Add(TechnologyContractType.Consulting, 1.5, expertReason);
            Add(TechnologyContractType.Service, 1.5, expertReason);
            Add(TechnologyContractType.Development, 1, expertReason);
        }
        else
        {
            const string achievementReason = "供给方是已有成果，通常转让或许可 (existing achievement)";
            Add(TechnologyContractType.Transfer, 0.5, achievementReason);
            Add(TechnologyContractType.License, 0.5, achievementReason);

            // 4. Maturity gap.
            var declared = supplier.Maturity;
            var current = declared ?? (_estimator ?? MaturityEstimator.Default).Estimate(supplier).Maturity;
            var how = declared is null ? "估计" : "声明";
            if (need.Maturity is { } required && current < required)
            {
                Add(TechnologyContractType.Development, 2, string.Create(CultureInfo.InvariantCulture, $"成果{how}成熟度 TRL{current.Level}（{current.Stage}）低于需求 TRL{required.Level}（{required.Stage}），需继续开发 (maturity gap)"));
            }
            else if (current.Level >= 6)
            {
                var matureReason = string.Create(CultureInfo.InvariantCulture, $"成果{how}成熟度 TRL{current.Level}（{current.Stage}）满足需求，可直接转让或许可 (mature enough)");
                Add(TechnologyContractType.Transfer, 1, matureReason);
                Add(TechnologyContractType.License, 1, matureReason);
            }
            else if (current.Level <= 3)
            {
                Add(TechnologyContractType.Development, 1, string.Create(CultureInfo.InvariantCulture, $"成果{how}处于实验室阶段 TRL{current.Level}，需进一步开发 (laboratory stage)"));
            }
        }

        var total = points.Sum();
        var hints = Enumerable.Range(0, Names.Length)
            .Where(i => points[i] > 0)
            .OrderByDescending(i => points[i]).ThenBy(i => i)
            .Select(i => new ContractTypeHint((TechnologyContractType)(i + 1), Names[i], Math.Round(points[i] / total, 4), reasons[i]))
            .ToArray();
        return new ContractTypeAdvice(hints);
    }
}
