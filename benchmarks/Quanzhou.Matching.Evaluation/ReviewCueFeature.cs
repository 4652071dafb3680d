using System.Text.RegularExpressions;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// An example of a researcher's own ranking feature, written as one class (<c>--feature review_cue</c>): whether the
/// candidate reads as a review or survey (综述, 进展, 展望 …) rather than a concrete result. A technology manager looks
/// for achievements that solve a problem, not for overviews of a field.
/// </summary>
internal sealed partial class ReviewCueFeature : IRankingFeature
{
    public string Name => "review_cue";

    public string Description => "综述类文献 (the candidate reads as a review or survey rather than a concrete result)";

    public float Compute(RankingFeatureInput input) =>
        ReviewCues().IsMatch(input.Candidate.Title) || ReviewCues().IsMatch(input.Candidate.Description) ? 1 : 0;

    [GeneratedRegex("综述|概述|述评|评述|研究进展|研究现状|发展趋势|展望")]
    private static partial Regex ReviewCues();
}
