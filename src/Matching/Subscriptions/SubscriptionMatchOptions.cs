namespace Quanzhou.Matching.Subscriptions;

/// <summary>Per-call options for <see cref="SubscriptionRegistry.FindMatchesAsync"/>. Every setter validates its value.</summary>
public sealed class SubscriptionMatchOptions
{
    /// <summary>The largest accepted <see cref="Top"/>.</summary>
    public const int MaxTop = 100_000;

    private int _top = 1_000;
    private double? _minScore;

    /// <summary>At most this many notifications are returned, best first. Default 1,000, between 1 and <see cref="MaxTop"/>.</summary>
    public int Top
    {
        get => _top;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxTop);
            _top = value;
        }
    }

    /// <summary>
    /// A floor applied on top of each subscription's own <see cref="Subscription.Threshold"/> (the higher of the two wins),
    /// in (0, 1]; <see langword="null"/> (default) uses the subscriptions' thresholds alone.
    /// </summary>
    public double? MinScore
    {
        get => _minScore;
        set
        {
            if (value is { } v)
            {
                Subscription.ValidateThreshold(v, nameof(MinScore));
            }

            _minScore = value;
        }
    }
}
