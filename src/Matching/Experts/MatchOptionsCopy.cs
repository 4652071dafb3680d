namespace Quanzhou.Matching.Experts;

/// <summary>Copies a caller's <see cref="MatchOptions"/> with other kinds and page size, leaving the caller's object untouched.</summary>
internal static class MatchOptionsCopy
{
    public static MatchOptions With(MatchOptions? source, IReadOnlyCollection<DocumentKind> kinds, int top)
    {
        source ??= new MatchOptions();
        return new MatchOptions
        {
            Top = top,
            Skip = 0,
            CandidatePoolSize = Math.Max(source.CandidatePoolSize, Math.Min(top, 5_000)),
            Kinds = kinds,
            IndustryTags = source.IndustryTags,
            Regions = source.Regions,
            MinMaturity = source.MinMaturity,
            MaxMaturity = source.MaxMaturity,
            IncludeExplanations = true,
            CollapseDuplicates = source.CollapseDuplicates,
            Retrieval = source.Retrieval,
            UseExpertEvidence = source.UseExpertEvidence,
            ExpertEvidenceWeight = source.ExpertEvidenceWeight,
        };
    }
}
