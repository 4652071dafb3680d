namespace Quanzhou.Matching;

/// <summary>The kind of a document in a match index.</summary>
public enum DocumentKind
{
    /// <summary>A technology need (技术需求) posted by an enterprise.</summary>
    Need = 1,

    /// <summary>A research achievement (科技成果): a paper, patent or achievement listing.</summary>
    Achievement = 2,

    /// <summary>An expert profile (专家 / 科技特派员).</summary>
    Expert = 3,
}
