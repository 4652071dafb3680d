using System.Globalization;
using System.Text;

namespace Quanzhou.Matching.Onnx;

/// <summary>
/// The cleaning step of BERT's basic tokenizer, done before Microsoft.ML.Tokenizers sees the text: NUL, U+FFFD and
/// every control, format, private-use, unassigned or surrogate code point other than tab, CR and LF are dropped, as
/// Hugging Face's <c>BasicTokenizer._clean_text</c> drops them.
/// </summary>
/// <remarks>
/// Needed, not only faithful: the tokenizer's accent stripping (NFD) throws on a lone surrogate or a noncharacter such
/// as U+FFFE, and it keeps a zero-width space that Hugging Face removes (so "a\u200Bb" would be two words, not one).
/// </remarks>
internal static class BertTextCleaning
{
    /// <summary>The text without the code points BERT drops; the same instance when there are none.</summary>
    public static string Clean(string text)
    {
        var first = FirstDropped(text);
        if (first < 0)
        {
            return text;
        }

        var cleaned = new StringBuilder(text.Length);
        cleaned.Append(text, 0, first);
        foreach (var rune in text.AsSpan(first).EnumerateRunes())
        {
            // An invalid UTF-16 sequence (a lone surrogate) is enumerated as U+FFFD, which is dropped as well.
            if (!IsDropped(rune))
            {
                cleaned.Append(rune.ToString());
            }
        }

        return cleaned.ToString();
    }

    private static int FirstDropped(string text)
    {
        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            if (Rune.DecodeFromUtf16(span[i..], out var rune, out var length) != System.Buffers.OperationStatus.Done || IsDropped(rune))
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    private static bool IsDropped(Rune rune)
    {
        if (rune.Value is 0 or 0xFFFD)
        {
            return true;
        }

        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
    }
}
