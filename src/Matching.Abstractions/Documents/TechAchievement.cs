namespace Quanzhou.Matching;

/// <summary>A research achievement (科技成果): a paper, patent, software copyright or university achievement listing.</summary>
public sealed class TechAchievement : MatchDocument
{
    /// <summary>Creates an achievement.</summary>
    /// <param name="id">The achievement id; see <see cref="MatchDocument(string, string)"/> for the rules.</param>
    /// <param name="title">The title.</param>
    public TechAchievement(string id, string title)
        : base(id, title)
    {
    }

    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.Achievement;

    /// <summary>The asking price range in yuan, if stated.</summary>
    public MoneyRange? Price { get; init; }
}
