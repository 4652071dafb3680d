namespace Quanzhou.Matching.Challenges;

/// <summary>One candidate solver (揭榜方) of a challenge.</summary>
/// <param name="Kind">Achievement, expert or organisation.</param>
/// <param name="Id">The document id; for an organisation its name.</param>
/// <param name="Name">The title, the expert's name or the organisation's name.</param>
/// <param name="Organization">The organisation of an achievement or expert, if known; for an organisation its name.</param>
/// <param name="Score">The solver score, 0–1 (see <see cref="ChallengeListBuilder"/> for the rules); comparable within one list.</param>
/// <param name="Rank">The 1-based rank in the list.</param>
/// <param name="SupportingDocumentIds">For an expert, their own achievements that match the challenge; for an organisation, its matching achievements and experts, best first.</param>
/// <param name="Reasons">Why it is listed, in words.</param>
public sealed record ChallengeSolver(
    SolverKind Kind,
    string Id,
    string Name,
    string? Organization,
    double Score,
    int Rank,
    IReadOnlyList<string> SupportingDocumentIds,
    IReadOnlyList<string> Reasons);
