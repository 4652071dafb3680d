namespace Quanzhou.Matching;

/// <summary>A technology need (技术需求) posted by an enterprise: the problem it wants solved.</summary>
/// <remarks>
/// <see cref="MatchDocument.Maturity"/> is the minimum maturity the enterprise wants; <see cref="Budget"/> what it can pay.
/// </remarks>
public sealed class TechNeed : MatchDocument
{
    /// <summary>Creates a need.</summary>
    /// <param name="id">The need id; see <see cref="MatchDocument(string, string)"/> for the rules.</param>
    /// <param name="title">The title, e.g. 寻求低成本运动鞋防水透气膜技术.</param>
    public TechNeed(string id, string title)
        : base(id, title)
    {
    }

    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.Need;

    /// <summary>The budget range in yuan, if stated.</summary>
    public MoneyRange? Budget { get; init; }

    /// <summary>Whether this need is a public challenge (揭榜挂帅).</summary>
    public bool IsChallenge { get; init; }
}
