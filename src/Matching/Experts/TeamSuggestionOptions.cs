namespace Quanzhou.Matching.Experts;

/// <summary>Per-call options for <see cref="TeamSuggester.SuggestAsync"/>. Every setter validates its value.</summary>
public sealed class TeamSuggestionOptions
{
    private int _maxMembers = 3;
    private int _candidateExperts = 20;
    private int _maxSubTopics = 6;
    private double _minTagConfidence = 0.3;

    /// <summary>Most experts in the team. Default 3, between 1 and 10.</summary>
    public int MaxMembers
    {
        get => _maxMembers;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10);
            _maxMembers = value;
        }
    }

    /// <summary>How many best-matching experts are considered. Default 20, between 1 and 200.</summary>
    public int CandidateExperts
    {
        get => _candidateExperts;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 200);
            _candidateExperts = value;
        }
    }

    /// <summary>Most sub-topics the need is split into (taxonomy tags first, then informative terms). Default 6, between 1 and 20.</summary>
    public int MaxSubTopics
    {
        get => _maxSubTopics;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 20);
            _maxSubTopics = value;
        }
    }

    /// <summary>Taxonomy tags below this confidence are not sub-topics. Default 0.3, between 0 and 1.</summary>
    public double MinTagConfidence
    {
        get => _minTagConfidence;
        set
        {
            if (double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The confidence must be a number.");
            }

            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            _minTagConfidence = value;
        }
    }

    /// <summary>Options for the underlying expert match (filters, evidence weight); <see langword="null"/> for defaults. Its <see cref="MatchOptions.Kinds"/> and <see cref="MatchOptions.Top"/> are replaced.</summary>
    public MatchOptions? Match { get; set; }
}
