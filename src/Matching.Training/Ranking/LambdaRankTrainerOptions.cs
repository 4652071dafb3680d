namespace Quanzhou.Matching.Ranking;

/// <summary>Settings for <see cref="LambdaRankTrainer"/>. Defaults were chosen on the dev split; docs/articles/evaluation.md shows what that selection measured on withheld data.</summary>
public sealed class LambdaRankTrainerOptions
{
    private double _featureFraction = 1;
    private double _baggingFraction = 1;

    /// <summary>
    /// Candidates per query in training, from the same retrieval as serving. Default 200: at least serving's
    /// <see cref="MatchOptions.CandidatePoolSize"/> (100); the extra negatives measured better (dev <c>problem</c>
    /// nDCG@10 0.8175 when trained on 200, 0.8065 on 100, both served on 100).
    /// </summary>
    public int CandidatePoolSize { get; set; } = 200;

    /// <summary>Boosted trees. Default 150.</summary>
    public int NumberOfTrees { get; set; } = 150;

    /// <summary>Leaves per tree. Default 8 (small trees generalised best on dev; larger ones overfit the train split).</summary>
    public int NumberOfLeaves { get; set; } = 8;

    /// <summary>Minimum rows per leaf. Default 200.</summary>
    public int MinimumExampleCountPerLeaf { get; set; } = 200;

    /// <summary>Learning rate. Default 0.1.</summary>
    public double LearningRate { get; set; } = 0.1;

    /// <summary>
    /// Share of the features each tree may choose from (FastTree's feature fraction), in (0, 1]. Default 1: every
    /// feature (0.7 measured lower on dev, docs/articles/evaluation.md).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1].</exception>
    public double FeatureFraction
    {
        get => _featureFraction;
        set => _featureFraction = Fraction(value);
    }

    /// <summary>
    /// Share of the training rows each tree is fit on (bagging, a new sample per tree), in (0, 1]. Default 1: no
    /// bagging (0.7 measured lower on dev, docs/articles/evaluation.md).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1].</exception>
    public double BaggingFraction
    {
        get => _baggingFraction;
        set => _baggingFraction = Fraction(value);
    }

    /// <summary>Random seed (training is deterministic for a seed). Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Trainer threads. Default 2 (an unbounded thread count was measured to be much slower on small machines).</summary>
    public int NumberOfThreads { get; set; } = 2;

    /// <summary>A description of the training data, written to the manifest.</summary>
    public string TrainingDataDescription { get; set; } = "unspecified";

    private static double Fraction(double value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "A fraction must lie in (0, 1] (比例须在0到1之间).");
}
