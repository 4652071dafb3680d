namespace Quanzhou.Matching;

/// <summary>The options of a match that a team suggester or challenge list runs for its caller: the caller's options (<see cref="MatchOptions.Clone"/>) with its own kinds and page.</summary>
internal static class SubQueryOptions
{
    public static MatchOptions For(MatchOptions? source, IReadOnlyCollection<DocumentKind> kinds, int top)
    {
        var options = (source ?? new MatchOptions()).Clone();
        options.Top = top;
        options.Skip = 0;
        options.CandidatePoolSize = Math.Max(options.CandidatePoolSize, Math.Min(top, 5_000));
        options.Kinds = kinds;
        options.IncludeExplanations = true; // the evidence of experts is read from their explanations
        return options;
    }
}
