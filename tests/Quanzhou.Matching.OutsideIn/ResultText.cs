using System.Globalization;
using Quanzhou.Matching.Challenges;
using Quanzhou.Matching.Experts;
using Quanzhou.Matching.Subscriptions;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>Canonical one-line-per-item text of read results, with scores printed round-trip, for exact comparison.</summary>
internal static class ResultText
{
    public static string Of(MatchResults results) =>
        Lines(results.Items.Select(Of))
        + $"\n  total={results.TotalCandidates} ranker={results.Ranker} facets={string.Join(",", results.IndustryFacets.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}:{f.Value}"))}";

    public static string Of(MatchResult r) =>
        $"#{r.Rank} {r.Kind} {r.Id} score={R(r.Score)} title={r.Title} {Of(r.Explanation)}";

    public static string Of(MatchExplanation? e) => e is null
        ? "no-explanation"
        : $"reasons=[{string.Join(" | ", e.Reasons)}] snippet=[{e.Snippet}] terms=[{string.Join(",", e.MatchedTerms)}] "
          + $"evidence=[{string.Join(",", e.Evidence.Select(v => $"{v.Kind}:{v.Id}:{v.Title}:{R(v.Score)}"))}] "
          + $"contributions=[{string.Join(",", e.Contributions.Select(c => $"{c.Name}={R(c.Value)}/{R(c.Contribution)}"))}] "
          + $"similarity={(e.SemanticSimilarity is { } s ? R(s) : "none")}";

    public static string Of(TeamSuggestion t) =>
        $"coverage={R(t.CoverageRatio)} subtopics=[{string.Join(",", t.SubTopics.Select(Of))}] uncovered=[{string.Join(",", t.Uncovered.Select(Of))}]"
        + Lines(t.Members.Select(m => $"member {Of(m.Expert)} covers=[{string.Join(",", m.Covers.Select(Of))}] new=[{string.Join(",", m.NewlyCovered.Select(Of))}]"));

    public static string Of(ChallengeList c) =>
        $"need={c.Need.Id}" + Lines(c.Solvers.Select(s =>
            $"#{s.Rank} {s.Kind} {s.Id} {s.Name} org={s.Organization} score={R(s.Score)} supporting=[{string.Join(",", s.SupportingDocumentIds)}] reasons=[{string.Join(" | ", s.Reasons)}]"));

    public static string Of(IEnumerable<SubscriptionNotification> notifications) =>
        Lines(notifications.Select(n => $"{n.SubscriptionId} {n.Tenant} {n.Owner} {n.DocumentKind} {n.DocumentId} {n.DocumentTitle} score={R(n.Score)} terms=[{string.Join(",", n.MatchedTerms)}]"));

    public static string Of(IndexStatistics s) =>
        $"counts=[{string.Join(",", s.DocumentCounts.OrderBy(k => k.Key).Select(k => $"{k.Key}:{k.Value}"))}] deleted={s.DeletedDocuments} generation={s.CommitGeneration}";

    public static string Of(MatchDocument? d) => d is null
        ? "null"
        : $"{d.Kind} {d.Id} tenant={d.Tenant} {d.Visibility} title={d.Title} description={d.Description}";

    private static string Of(SubTopic s) => $"{s.Kind}:{s.Id}:{s.Label}:{R(s.Weight)}";

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => "\n  " + l));

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
