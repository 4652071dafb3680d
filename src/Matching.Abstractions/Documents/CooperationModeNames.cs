namespace Quanzhou.Matching;

/// <summary>Converts between <see cref="CooperationModes"/> and the Chinese names portals use (转让, 许可, 作价入股, 合作开发, 技术服务).</summary>
public static class CooperationModeNames
{
    private static readonly (CooperationModes Mode, string Chinese, string English)[] Names =
    [
        (CooperationModes.Transfer, "转让", "transfer"),
        (CooperationModes.License, "许可", "license"),
        (CooperationModes.EquityInvestment, "作价入股", "equity"),
        (CooperationModes.JointDevelopment, "合作开发", "joint-development"),
        (CooperationModes.TechnicalService, "技术服务", "technical-service"),
    ];

    /// <summary>Parses one mode from its Chinese name, its English name (case-insensitive) or its enum name.</summary>
    /// <param name="name">The name, e.g. <c>转让</c> or <c>license</c>.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="ArgumentException">The name is not a known cooperation mode.</exception>
    public static CooperationModes Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        foreach (var (mode, chinese, english) in Names)
        {
            if (trimmed == chinese
                || string.Equals(trimmed, english, StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, mode.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw new ArgumentException($"Unknown cooperation mode '{trimmed}' (未知合作方式). Use one of 转让, 许可, 作价入股, 合作开发, 技术服务.", nameof(name));
    }

    /// <summary>Returns the Chinese names of the modes set in <paramref name="modes"/>, in a fixed order.</summary>
    /// <param name="modes">The modes.</param>
    /// <returns>The Chinese names.</returns>
    public static IReadOnlyList<string> ToChinese(CooperationModes modes) =>
        Names.Where(n => (modes & n.Mode) != 0).Select(n => n.Chinese).ToArray();
}
