namespace Quanzhou.Matching.Ranking;

/// <summary>
/// Platt scaling of a learned model's score into match strength: strength = 1 / (1 + e^−(A·x + C·y + B)), with x the
/// score minus the query's best score and y the best score. Fitted by <c>LambdaRankTrainer</c> (package Quanzhou.Matching.Training) on the top 20
/// candidates of each training query (relevant = grade ≥ 2) and kept in the model's <see cref="ModelManifest"/>, so
/// serving and training agree.
/// </summary>
/// <param name="A">The weight of the score's distance to the query's best.</param>
/// <param name="B">The intercept.</param>
/// <param name="C">The weight of the query's best score.</param>
public sealed record StrengthCalibration(double A, double B, double C);
