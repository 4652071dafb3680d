namespace Quanzhou.Matching;

/// <summary>A price (for achievements) or budget (for needs) range in yuan (元). Either bound may be open.</summary>
public sealed record MoneyRange
{
    /// <summary>Creates a range.</summary>
    /// <param name="min">The lower bound in yuan, or <see langword="null"/> for none.</param>
    /// <param name="max">The upper bound in yuan, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is negative, or <paramref name="min"/> exceeds <paramref name="max"/>.</exception>
    /// <exception cref="ArgumentException">Both bounds are missing.</exception>
    public MoneyRange(decimal? min, decimal? max)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("A money range needs at least one bound (金额区间至少需要一个边界).", nameof(min));
        }

        if (min < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, "Amounts cannot be negative (金额不能为负).");
        }

        if (max < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "Amounts cannot be negative (金额不能为负).");
        }

        if (min is not null && max is not null && min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, $"The minimum {min} exceeds the maximum {max} (下限大于上限).");
        }

        Min = min;
        Max = max;
    }

    /// <summary>The lower bound in yuan, if any.</summary>
    public decimal? Min { get; }

    /// <summary>The upper bound in yuan, if any.</summary>
    public decimal? Max { get; }

    /// <summary>Whether this range and <paramref name="other"/> overlap (open bounds overlap everything on their side).</summary>
    /// <param name="other">The other range.</param>
    /// <returns><see langword="true"/> when some amount lies in both ranges.</returns>
    public bool Overlaps(MoneyRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var lo = Math.Max(Min ?? 0, other.Min ?? 0);
        var hi = Math.Min(Max ?? decimal.MaxValue, other.Max ?? decimal.MaxValue);
        return lo <= hi;
    }
}
