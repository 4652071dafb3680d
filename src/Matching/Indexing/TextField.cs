using Lucene.Net.Index;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The two analysed text fields over title + keywords + description that queries, statistics and features read: the
/// index's field layout stays in <c>Indexing/</c> (<see cref="IndexFields"/>), other stages name the field by this.
/// </summary>
internal enum TextField
{
    /// <summary>SmartCn words with the domain lexicon.</summary>
    Words,

    /// <summary>CJK bigrams.</summary>
    Bigrams,
}

/// <summary>Field names and terms of the <see cref="TextField"/>s.</summary>
internal static class TextFields
{
    /// <summary>The Lucene field name.</summary>
    public static string Name(this TextField field) => field switch
    {
        TextField.Words => IndexFields.Words,
        TextField.Bigrams => IndexFields.Bigrams,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown text field."),
    };

    /// <summary>The term of <paramref name="text"/> in the field.</summary>
    public static Term Term(this TextField field, string text) => new(field.Name(), text);
}
