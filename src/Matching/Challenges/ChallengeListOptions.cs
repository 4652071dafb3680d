namespace Quanzhou.Matching.Challenges;

/// <summary>Per-call options for <see cref="ChallengeListBuilder"/>. Every setter validates its value.</summary>
public sealed class ChallengeListOptions
{
    private int _maxAchievements = 10;
    private int _maxExperts = 10;
    private int _maxOrganizations = 10;
    private int _candidatePool = 100;

    /// <summary>Most achievements listed. Default 10, between 0 and 100.</summary>
    public int MaxAchievements
    {
        get => _maxAchievements;
        set => _maxAchievements = InRange(value, 0, 100);
    }

    /// <summary>Most experts listed. Default 10, between 0 and 100.</summary>
    public int MaxExperts
    {
        get => _maxExperts;
        set => _maxExperts = InRange(value, 0, 100);
    }

    /// <summary>Most organisations listed. Default 10, between 0 and 100.</summary>
    public int MaxOrganizations
    {
        get => _maxOrganizations;
        set => _maxOrganizations = InRange(value, 0, 100);
    }

    /// <summary>How many best-matching achievements and experts (together) are scored and aggregated into organisations. Default 100, between 10 and 1,000.</summary>
    public int CandidatePool
    {
        get => _candidatePool;
        set => _candidatePool = InRange(value, 10, MatchOptions.MaxTop);
    }

    /// <summary>Options for the underlying match (filters, expert evidence); <see langword="null"/> for defaults. Its <see cref="MatchOptions.Kinds"/> and <see cref="MatchOptions.Top"/> are replaced.</summary>
    public MatchOptions? Match { get; set; }

    private static int InRange(int value, int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max);
        return value;
    }
}
