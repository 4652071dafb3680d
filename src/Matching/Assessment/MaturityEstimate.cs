namespace Quanzhou.Matching.Assessment;

/// <summary>
/// An <b>estimate</b> of an achievement's technology maturity (成熟度估计) from its text — not an assessment by experts.
/// Use it to pre-fill or check a declared maturity, never as a certification.
/// </summary>
/// <param name="Maturity">The representative level of the estimated stage: 实验室 TRL3, 小试 TRL4, 中试 TRL6, 产业化 TRL8.</param>
/// <param name="MinTrl">The lowest TRL of the stage's band (实验室 1, 小试 4, 中试 6, 产业化 8).</param>
/// <param name="MaxTrl">The highest TRL of the stage's band (实验室 3, 小试 5, 中试 7, 产业化 9).</param>
/// <param name="Confidence">How sure the estimator is, in [0, 1] (see <see cref="MaturityEstimator"/> for how it is computed).</param>
/// <param name="SupportingPhrases">Phrases of the text that support the estimated stage (e.g. 已建成中试线, 实现量产), strongest first; empty when only the model decided.</param>
/// <param name="Method"><c>rules</c> when a strong cue phrase decided, <c>model</c> when the classifier (nudged by weak cues) did.</param>
/// <param name="Probabilities">The combined probability of each stage (实验室, 小试, 中试, 产业化), summing to 1.</param>
public sealed record MaturityEstimate(
    Maturity Maturity,
    int MinTrl,
    int MaxTrl,
    double Confidence,
    IReadOnlyList<string> SupportingPhrases,
    string Method,
    IReadOnlyDictionary<string, double> Probabilities)
{
    /// <summary>The estimated stage: 实验室, 小试, 中试 or 产业化.</summary>
    public string Stage => Maturity.Stage;

    /// <summary>Returns the stage, TRL band and confidence, e.g. <c>中试 (TRL6–7, 0.92)</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => $"{Stage} (TRL{MinTrl}–{MaxTrl}, {Confidence:0.00})";
}
