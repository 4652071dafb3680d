using System.Globalization;

namespace Quanzhou.Matching;

/// <summary>
/// Technology maturity as a technology readiness level (TRL 1–9). The Chinese stages portals use map to levels:
/// 实验室 (laboratory) = 3, 小试 (bench scale) = 4, 中试 (pilot) = 6, 产业化 (industrialised) = 8.
/// </summary>
/// <remarks>
/// Create values with <see cref="FromTrl(int)"/>, <see cref="Parse(string)"/> or <see cref="TryParse(string?, out Maturity)"/>.
/// <c>default(Maturity)</c> has level 0 and is not a maturity: documents refuse it (an unknown maturity is
/// <see langword="null"/>), and it prints as <c>TRL?</c>.
/// </remarks>
public readonly record struct Maturity : IComparable<Maturity>
{
    private Maturity(int level) => Level = level;

    /// <summary>The technology readiness level, 1 to 9.</summary>
    public int Level { get; }

    /// <summary>The Chinese stage name for this level: 实验室 (1–3), 小试 (4–5), 中试 (6–7) or 产业化 (8–9).</summary>
    public string Stage => Level switch
    {
        <= 3 => "实验室",
        <= 5 => "小试",
        <= 7 => "中试",
        _ => "产业化",
    };

    /// <summary>Creates a maturity from a technology readiness level.</summary>
    /// <param name="level">The level, 1 to 9.</param>
    /// <returns>The maturity.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 1–9.</exception>
    public static Maturity FromTrl(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        return new Maturity(level);
    }

    /// <summary>Parses <c>TRL6</c>, <c>6</c>, or a Chinese stage (实验室, 小试, 中试, 产业化; 產業化 and other traditional forms are accepted).</summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The maturity.</returns>
    /// <exception cref="ArgumentException">The text is not a known maturity.</exception>
    public static Maturity Parse(string text) =>
        TryParse(text, out var maturity)
            ? maturity
            : throw new ArgumentException($"Unknown maturity '{text}' (未知成熟度). Use TRL1–TRL9 or 实验室/小试/中试/产业化.", nameof(text));

    /// <summary>Tries to parse a maturity; see <see cref="Parse(string)"/>.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="maturity">The parsed maturity.</param>
    /// <returns><see langword="true"/> when the text is a known maturity.</returns>
    public static bool TryParse(string? text, out Maturity maturity)
    {
        maturity = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.StartsWith("TRL", StringComparison.OrdinalIgnoreCase))
        {
            t = t[3..].Trim();
        }

        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 9)
        {
            maturity = new Maturity(level);
            return true;
        }

        int? stage = t switch
        {
            "实验室" or "實驗室" or "实验室阶段" or "研发" => 3,
            "小试" or "小試" or "小试阶段" => 4,
            "中试" or "中試" or "中试阶段" => 6,
            "产业化" or "產業化" or "量产" or "批量生产" or "已产业化" => 8,
            _ => null,
        };
        if (stage is null)
        {
            return false;
        }

        maturity = new Maturity(stage.Value);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(Maturity other) => Level.CompareTo(other.Level);

    /// <summary>Returns <c>TRL{level} ({stage})</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Level == 0 ? "TRL?" : $"TRL{Level} ({Stage})";

    /// <summary>Compares two maturities by level.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The comparison result.</returns>
    public static bool operator <(Maturity left, Maturity right) => left.Level < right.Level;

    /// <summary>Compares two maturities by level.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The comparison result.</returns>
    public static bool operator >(Maturity left, Maturity right) => left.Level > right.Level;

    /// <summary>Compares two maturities by level.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The comparison result.</returns>
    public static bool operator <=(Maturity left, Maturity right) => left.Level <= right.Level;

    /// <summary>Compares two maturities by level.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The comparison result.</returns>
    public static bool operator >=(Maturity left, Maturity right) => left.Level >= right.Level;
}
