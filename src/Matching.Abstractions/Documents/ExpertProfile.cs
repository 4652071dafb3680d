namespace Quanzhou.Matching;

/// <summary>An expert profile (专家 / 科技特派员): research directions, skills and service record.</summary>
/// <remarks><see cref="MatchDocument.Title"/> holds the expert's name; <see cref="MatchDocument.Description"/> the research directions.</remarks>
public sealed class ExpertProfile : MatchDocument
{
    /// <summary>Creates an expert profile.</summary>
    /// <param name="id">The expert id; see <see cref="MatchDocument(string, string)"/> for the rules.</param>
    /// <param name="name">The expert's name.</param>
    public ExpertProfile(string id, string name)
        : base(id, name)
    {
    }

    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.Expert;

    /// <summary>The expert's name (same as <see cref="MatchDocument.Title"/>).</summary>
    public string Name => Title;
}
