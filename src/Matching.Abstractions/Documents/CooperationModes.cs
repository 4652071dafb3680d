namespace Quanzhou.Matching;

/// <summary>Cooperation modes (合作方式) an achievement offers or a need accepts.</summary>
[Flags]
public enum CooperationModes
{
    /// <summary>None stated.</summary>
    None = 0,

    /// <summary>Technology transfer (转让).</summary>
    Transfer = 1,

    /// <summary>Licensing (许可).</summary>
    License = 2,

    /// <summary>Investment of the technology as equity (作价入股).</summary>
    EquityInvestment = 4,

    /// <summary>Joint development (合作开发).</summary>
    JointDevelopment = 8,

    /// <summary>Technical service (技术服务).</summary>
    TechnicalService = 16,
}
