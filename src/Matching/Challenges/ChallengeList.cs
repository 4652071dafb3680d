namespace Quanzhou.Matching.Challenges;

/// <summary>The ranked candidate solvers (揭榜方) of a public challenge (揭榜挂帅): achievements, experts and organisations.</summary>
/// <param name="Need">The challenge need.</param>
/// <param name="Solvers">All solvers, best first (<see cref="ChallengeSolver.Rank"/> 1, 2, …).</param>
public sealed record ChallengeList(TechNeed Need, IReadOnlyList<ChallengeSolver> Solvers)
{
    /// <summary>The solvers of one kind, best first.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The solvers of that kind in list order.</returns>
    public IReadOnlyList<ChallengeSolver> OfKind(SolverKind kind) => Solvers.Where(s => s.Kind == kind).ToArray();
}
