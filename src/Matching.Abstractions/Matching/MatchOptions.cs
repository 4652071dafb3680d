namespace Quanzhou.Matching;

/// <summary>Per-call options for <see cref="IMatcher.MatchAsync"/>. Every setter validates its value.</summary>
public sealed class MatchOptions
{
    /// <summary>The largest accepted <see cref="Top"/>.</summary>
    public const int MaxTop = 1000;

    private int _top = 20;
    private int _skip;
    private int _candidatePoolSize = 100;
    private int? _denseCandidatePoolSize;
    private double _expertEvidenceWeight = 0.5;

    /// <summary>How many results to return. Default 20, between 1 and <see cref="MaxTop"/>.</summary>
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

    /// <summary>How many ranked results to skip (paging). Default 0, at most 10,000.</summary>
    public int Skip
    {
        get => _skip;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10_000);
            _skip = value;
        }
    }

    /// <summary>
    /// How many BM25 candidates the ranker reorders. Default 100, between 10 and 5,000; raised to <see cref="Skip"/> +
    /// <see cref="Top"/> when smaller. The shipped model scores each candidate on its own, so a larger pool only adds
    /// candidates further down the BM25 order: on the evaluation data, 100 and 200 give the same nDCG@10 (docs/articles/evaluation.md).
    /// </summary>
    public int CandidatePoolSize
    {
        get => _candidatePoolSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 10);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 5_000);
            _candidatePoolSize = value;
        }
    }

    /// <summary>
    /// How many candidates the dense (embedding) source adds when the index has an embedding model: the candidates are
    /// the BM25 top <see cref="CandidatePoolSize"/> united with the dense top <see cref="DenseCandidatePoolSize"/>, under
    /// the same tenant and filters. <see langword="null"/> (default) means the same as <see cref="CandidatePoolSize"/>;
    /// 0 turns the dense source off for this query (dense scores of the BM25 candidates are still computed). Between 0
    /// and 5,000. Ignored for an index without an embedding model.
    /// </summary>
    public int? DenseCandidatePoolSize
    {
        get => _denseCandidatePoolSize;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(v);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(v, 5_000);
            }

            _denseCandidatePoolSize = value;
        }
    }

    /// <summary>The kinds to return; <see langword="null"/> means the request's <see cref="MatchRequest.DefaultTargetKinds"/>.</summary>
    public IReadOnlyCollection<DocumentKind>? Kinds { get; set; }

    /// <summary>Keep only documents with at least one of these industry tags; <see langword="null"/> or empty means no filter.</summary>
    public IReadOnlyCollection<string>? IndustryTags { get; set; }

    /// <summary>Keep only documents in one of these region codes; <see langword="null"/> or empty means no filter.</summary>
    public IReadOnlyCollection<string>? Regions { get; set; }

    /// <summary>Keep only documents at or above this maturity (documents without a maturity are dropped when set).</summary>
    public Maturity? MinMaturity { get; set; }

    /// <summary>Keep only documents at or below this maturity (documents without a maturity are dropped when set).</summary>
    public Maturity? MaxMaturity { get; set; }

    /// <summary>Whether results carry an <see cref="MatchExplanation"/>. Default <see langword="true"/>.</summary>
    public bool IncludeExplanations { get; set; } = true;

    /// <summary>Whether near-duplicates of a better-ranked result (the same listing posted twice or from two sources) are dropped. Default <see langword="false"/>.</summary>
    public bool CollapseDuplicates { get; set; }

    /// <summary>Which analysed text candidate retrieval searches. Default <see cref="CandidateRetrieval.Fused"/>.</summary>
    public CandidateRetrieval Retrieval { get; set; }

    /// <summary>
    /// Whether experts are scored with evidence from their own achievements (<see cref="ExpertProfile.AchievementIds"/>):
    /// how well the linked, visible achievements match the same query. Default <see langword="true"/>.
    /// </summary>
    public bool UseExpertEvidence { get; set; } = true;

    /// <summary>
    /// How much expert evidence adds: an expert's score is raised by this weight × the evidence (0–1) × the spread of the
    /// ranker's scores over the candidates. Default 0.5, between 0 and 5; 0 leaves scores unchanged but still lists the evidence.
    /// </summary>
    public double ExpertEvidenceWeight
    {
        get => _expertEvidenceWeight;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 5.0);
            if (double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The weight must be a number.");
            }

            _expertEvidenceWeight = value;
        }
    }

    /// <summary>A copy with every option of this one (so a new option can never be dropped by a caller that derives its own).</summary>
    /// <returns>The copy; lists are shared (they are read-only to the matcher).</returns>
    public MatchOptions Clone() => (MatchOptions)MemberwiseClone();
}
