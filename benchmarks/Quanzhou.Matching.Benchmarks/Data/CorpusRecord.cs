namespace Quanzhou.Matching.Benchmarks.Data;

/// <summary>
/// One corpus record in the shape the Java peer reads (<c>id</c>, <c>title</c>, <c>keywords[]</c>, <c>abstract</c>,
/// <c>discipline</c>, <c>category</c>), or a bundled demo record (<see cref="Document"/> set, read with
/// <see cref="Serialization.MatchDocumentJson"/>).
/// </summary>
internal sealed record CorpusRecord(string Id, string Title, IReadOnlyList<string> Keywords, string Abstract, string Discipline, string Category)
{
    /// <summary>The full library document when the record came from a demo file (kind, industries, region …).</summary>
    public MatchDocument? Document { get; init; }

    /// <summary>Characters of title + keywords + abstract (the peer's <c>chars</c> count).</summary>
    public int Chars => Title.Length + Abstract.Length + (Keywords.Count == 0 ? 0 : Keywords.Sum(k => k.Length) + Keywords.Count - 1);

    /// <summary>The record as a library document: a demo record as read, otherwise an achievement (as the evaluation tool indexes papers).</summary>
    public MatchDocument ToMatchDocument() => Document ?? new TechAchievement(Id, Title)
    {
        Description = Abstract,
        Keywords = Keywords,
    };
}
