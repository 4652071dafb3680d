using System.Globalization;
using Quanzhou.Matching.Experts;

namespace Quanzhou.Matching.Challenges;

/// <summary>
/// Builds the challenge list (揭榜挂帅) of a need flagged as a public challenge (<see cref="TechNeed.IsChallenge"/>): ranked
/// candidate solvers — achievements, experts (scored with their own achievements as evidence) and organisations.
/// </summary>
/// <remarks>
/// <para>Scoring: one match of the need against achievements and experts (the best <see cref="ChallengeListOptions.CandidatePool"/>);
/// the ranker's scores are rescaled to 0–1 over that pool (best = 1, weakest = 0). An organisation (the
/// <see cref="MatchDocument.Organization"/> of those achievements and experts, compared after trimming) scores
/// 1 − (1 − s₁)(1 − s₂)(1 − s₃) over its three best documents: never below its best document, higher with more strong
/// documents, never above 1, and a long tail of weak documents adds nothing.</para>
/// <para>Visibility: the caller's tenant sees public documents and its own; a challenge of another tenant is listed only
/// when the challenge itself is public (otherwise <see cref="DocumentNotFoundException"/>, as if it did not exist).</para>
/// <para>Thread-safe; create one per engine and share it.</para>
/// </remarks>
public sealed class ChallengeListBuilder
{
    /// <summary>How many of an organisation's best documents count toward its score.</summary>
    public const int OrganizationDocuments = 3;

    private readonly MatchEngine _engine;

    /// <summary>Creates a builder.</summary>
    /// <param name="engine">The matcher whose index holds the achievements and experts.</param>
    public ChallengeListBuilder(MatchEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <summary>Builds the challenge list of a challenge need, indexed (<see cref="MatchRequest.ForId"/>) or not (<see cref="MatchRequest.ForDocument"/>).</summary>
    /// <param name="request">The need and the caller's tenant.</param>
    /// <param name="options">List sizes, pool and match options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ranked solvers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The request is free text, or its document is not a need flagged as a challenge.</exception>
    /// <exception cref="DocumentNotFoundException">The need does not exist or is not visible to the request's tenant.</exception>
    /// <exception cref="MatchingException">The index or ranker failed.</exception>
    public async Task<ChallengeList> BuildAsync(MatchRequest request, ChallengeListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= new ChallengeListOptions();
        cancellationToken.ThrowIfCancellationRequested();
        var need = ResolveChallenge(request);

        var matchOptions = SubQueryOptions.For(options.Match, [DocumentKind.Achievement, DocumentKind.Expert], options.CandidatePool);
        var matches = (await _engine.MatchAsync(request, matchOptions, cancellationToken).ConfigureAwait(false)).Items;
        if (matches.Count == 0)
        {
            return new ChallengeList(need, []);
        }

        var max = matches.Max(m => m.Score);
        var min = matches.Min(m => m.Score);
        double Scaled(MatchResult m) => max - min > 1e-9 ? (m.Score - min) / (max - min) : 1.0;

        var entries = new List<ChallengeSolver>();
        entries.AddRange(matches.Where(m => m.Kind == DocumentKind.Achievement).Take(options.MaxAchievements)
            .Select(m => Solver(SolverKind.Achievement, m, Scaled(m), [])));
        entries.AddRange(matches.Where(m => m.Kind == DocumentKind.Expert).Take(options.MaxExperts)
            .Select(m => Solver(SolverKind.Expert, m, Scaled(m), m.Explanation?.Evidence.Select(e => e.Id).ToArray() ?? [])));
        entries.AddRange(Organizations(matches, Scaled).Take(options.MaxOrganizations));

        var ranked = entries
            .OrderByDescending(s => s.Score).ThenBy(s => s.Kind).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select((s, i) => s with { Rank = i + 1 })
            .ToArray();
        return new ChallengeList(need, ranked);
    }

    private TechNeed ResolveChallenge(MatchRequest request)
    {
        MatchDocument document;
        if (request.DocumentId is { } id)
        {
            document = _engine.LuceneIndex.Read(request.Tenant, "challenge-list", scope => scope.Get(id))
                ?? throw new DocumentNotFoundException($"Document '{id}' does not exist or is not visible to tenant '{request.Tenant}' (文档不存在或无权访问).", "challenge-list", _engine.Index.Name);
        }
        else
        {
            document = request.Document
                ?? throw new ArgumentException("A challenge list is built for a need (揭榜挂帅需求), not for free text; use MatchRequest.ForId or ForDocument.", nameof(request));
            if (!document.IsVisibleTo(request.Tenant))
            {
                throw new DocumentNotFoundException($"Document '{document.Id}' is not visible to tenant '{request.Tenant}' (文档无权访问).", "challenge-list", _engine.Index.Name);
            }
        }

        return document is TechNeed { IsChallenge: true } need
            ? need
            : throw new ArgumentException($"'{document.Id}' is not a need flagged as a public challenge (IsChallenge; 非揭榜挂帅需求).", nameof(request));
    }

    private static ChallengeSolver Solver(SolverKind kind, MatchResult match, double score, IReadOnlyList<string> supporting) =>
        new(kind, match.Id, match.Title, match.Document.Organization, Math.Round(score, 4), 0, supporting, match.Explanation?.Reasons ?? []);

    private static IEnumerable<ChallengeSolver> Organizations(IReadOnlyList<MatchResult> matches, Func<MatchResult, double> scaled) =>
        matches
            .Where(m => !string.IsNullOrWhiteSpace(m.Document.Organization))
            .GroupBy(m => m.Document.Organization!.Trim(), StringComparer.Ordinal)
            .Select(g =>
            {
                var members = g.OrderByDescending(scaled).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray();
                var score = 1 - members.Take(OrganizationDocuments).Aggregate(1.0, (miss, m) => miss * (1 - scaled(m)));
                var achievements = members.Count(m => m.Kind == DocumentKind.Achievement);
                var experts = members.Length - achievements;
                var reasons = new List<string>
                {
                    string.Create(CultureInfo.InvariantCulture, $"成果 {achievements} 项、专家 {experts} 名与挑战匹配 ({achievements} achievements and {experts} experts match the challenge)"),
                };
                reasons.AddRange(members.Take(OrganizationDocuments).Select(m =>
                    string.Create(CultureInfo.InvariantCulture, $"{(m.Kind == DocumentKind.Expert ? "专家" : "成果")} {m.Id}《{m.Title}》 {scaled(m):0.00}")));
                return new ChallengeSolver(SolverKind.Organization, g.Key, g.Key, g.Key, Math.Round(score, 4), 0, members.Select(m => m.Id).ToArray(), reasons);
            })
            .OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal);
}
