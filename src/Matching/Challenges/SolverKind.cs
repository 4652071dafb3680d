namespace Quanzhou.Matching.Challenges;

/// <summary>What kind of candidate solver (揭榜方) a challenge list entry is.</summary>
public enum SolverKind
{
    /// <summary>A research achievement (科技成果) that could solve the challenge.</summary>
    Achievement = 0,

    /// <summary>An expert (专家 / 科技特派员).</summary>
    Expert = 1,

    /// <summary>An organisation (university, institute or enterprise), aggregated from its achievements and experts.</summary>
    Organization = 2,
}
