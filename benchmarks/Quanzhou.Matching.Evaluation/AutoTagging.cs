using Quanzhou.Matching.Taxonomy;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>The <c>--auto-tag</c> experiment: corpus documents get the tagger's industry tags before indexing.</summary>
internal static class AutoTagging
{
    /// <summary>A copy of an evaluation achievement with the tagger's tags (confidence ≥ <see cref="MatchEngine.QueryTagMinConfidence"/>, at most 3).</summary>
    public static MatchDocument WithTags(MatchDocument document, TaxonomyTagger tagger)
    {
        var tags = tagger.TagDocument(document).Where(t => t.Confidence >= MatchEngine.QueryTagMinConfidence).Select(t => t.TagId).ToArray();
        return tags.Length == 0 || document is not TechAchievement a
            ? document
            : new TechAchievement(a.Id, a.Title) { Description = a.Description, Keywords = a.Keywords, Attributes = a.Attributes, IndustryTags = tags };
    }
}
