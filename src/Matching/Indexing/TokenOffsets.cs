using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The stored token streams of a document as positions in its search text (title, keywords, description … as
/// <see cref="MatchDocument.GetSearchText"/> joins them), which is rebuilt at read time from the stored fields at the
/// cost of a string concatenation: neither normalising nor re-running SmartCn is needed. A token whose term is the text
/// at its position costs about half a byte; any other token (a stemmed English word, a traditional character made
/// simplified) is stored literally. The space-joined words and the compact bigrams this replaces were two thirds of the
/// stored bytes. The text's length and XxHash32 are stored with the tokens: tokens are never decoded against another
/// text (the caller re-analyses).
/// </summary>
/// <remarks>
/// Layout: a format byte (<see cref="Format"/>), the text length (varint), its XxHash32 (4 bytes), then the words and
/// the bigrams, each as a token count (varint) and ops. Ops read and move a cursor: the previous token's start and
/// length and the end of the text consumed. An op byte below 0x80 is one token at <c>start delta = b / 8</c> (0–15)
/// from the previous start with <c>length = b % 8</c> (1–7); 0xC0–0xFF two tokens, each 3 bits: a gap of 0 or 1 after
/// the end, and the length 1–4 (most SmartCn words); <see cref="OpGeneral"/> one token with a zigzag varint delta and a
/// varint length; <see cref="OpLiteral"/> a zigzag varint delta and the term's UTF-16 code units as varints (count
/// first); <see cref="OpRun"/> a varint n: n more tokens, each one further on with the previous length;
/// <see cref="OpHanRuns"/> a varint n: the overlapping bigrams (a lone character: itself) of the next n maximal runs of
/// Han characters after the end (most of the bigram stream). The encoder emits an op only where it reproduces the
/// analyzer's tokens exactly, so the format does not depend on how the analyzers split text.
/// </remarks>
internal static class TokenOffsets
{
    public const byte Format = 1;
    private const byte OpGeneral = 0x80;
    private const byte OpLiteral = 0x81;
    private const byte OpRun = 0x82;
    private const byte OpHanRuns = 0x83;
    private const byte OpPair = 0xC0;

    /// <summary>How far from the position the previous token predicts a term is looked for in the text (normalising shifts offsets by a few characters: collapsed spaces, ① → 1, ℃ → °c).</summary>
    private const int SearchRadius = 64;

    /// <summary>Encodes the tokens (with offsets into the normalised text the analyzers read) against <paramref name="text"/>, the document's search text before normalisation.</summary>
    public static byte[] Encode(string text, IReadOnlyList<AnalyzedToken> words, IReadOnlyList<AnalyzedToken> bigrams)
    {
        var output = new List<byte>(16 + (words.Count / 2) + (bigrams.Count / 8)) { Format };
        WriteVarint(output, (uint)text.Length);
        Span<byte> hash = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(hash, Hash(text));
        foreach (var b in hash)
        {
            output.Add(b);
        }

        EncodeStream(output, text, Rebase(text, words));
        EncodeStream(output, text, Rebase(text, bigrams));
        return [.. output];
    }

    /// <summary>
    /// The tokens with offsets into <paramref name="text"/> where it holds the term (normalisation shifts offsets: the
    /// search starts where the previous token's shift predicts), or the previous start where it does not (then a literal).
    /// </summary>
    private static List<AnalyzedToken> Rebase(string text, IReadOnlyList<AnalyzedToken> tokens)
    {
        var rebased = new List<AnalyzedToken>(tokens.Count);
        int textAnchor = 0, analysedAnchor = 0;
        foreach (var token in tokens)
        {
            var expected = textAnchor + (token.StartOffset - analysedAnchor);
            var found = Find(text, token.Term, expected);
            if (found < 0)
            {
                rebased.Add(new AnalyzedToken(token.Term, textAnchor, textAnchor));
                continue;
            }

            rebased.Add(new AnalyzedToken(token.Term, found, found + token.Term.Length));
            (textAnchor, analysedAnchor) = (found, token.StartOffset);
        }

        return rebased;
    }

    /// <summary>
    /// Where <paramref name="term"/> is in <paramref name="text"/>: the occurrence nearest to <paramref name="expected"/>
    /// within <see cref="SearchRadius"/>, else -1. Near, because a far occurrence of a short term (a digit) would throw the
    /// next tokens' expected positions off; any occurrence is correct, since decoding reads the term back from the text.
    /// </summary>
    private static int Find(string text, string term, int expected)
    {
        if (term.Length == 0 || term.Length > text.Length)
        {
            return -1;
        }

        for (var distance = 0; distance <= SearchRadius; distance++)
        {
            foreach (var at in (ReadOnlySpan<int>)[expected - distance, expected + distance])
            {
                if (at >= 0 && at + term.Length <= text.Length && FoldedEquals(text.AsSpan(at, term.Length), term))
                {
                    return at;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// The word and the bigram terms, each space-joined, or <see langword="null"/> when <paramref name="text"/> is not the
    /// text the tokens were encoded against (the caller re-analyses). Malformed bytes throw <see cref="FormatException"/>.
    /// </summary>
    public static (string Words, string Bigrams)? Decode(ReadOnlySpan<byte> encoded, string text)
    {
        var pos = 0;
        if (encoded.Length < 1 || encoded[pos++] != Format)
        {
            throw new FormatException($"unknown stored token format {(encoded.Length == 0 ? "(empty)" : encoded[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} (未知的词元存储格式)");
        }

        var length = ReadVarint(encoded, ref pos);
        if (pos + 4 > encoded.Length)
        {
            throw new FormatException("the stored tokens are truncated (词元数据不完整)");
        }

        var hash = BinaryPrimitives.ReadUInt32LittleEndian(encoded.Slice(pos, 4));
        pos += 4;
        if (length != (uint)text.Length || hash != Hash(text))
        {
            return null;
        }

        var words = DecodeStream(encoded, ref pos, text);
        var bigrams = DecodeStream(encoded, ref pos, text);
        return pos == encoded.Length ? (words, bigrams) : throw new FormatException("trailing bytes after the stored tokens (词元数据多余)");
    }

    private static uint Hash(string text) => XxHash32.HashToUInt32(MemoryMarshal.AsBytes(text.AsSpan()));

    /// <summary>What the next op starts from: the previous token's start and length (-1 after a literal), and the end of the text consumed so far.</summary>
    private struct Cursor
    {
        public int PreviousStart;
        public int PreviousLength;
        public int End;

        public void Advance(int start, int length)
        {
            PreviousStart = start;
            PreviousLength = length;
            End = start + length;
        }
    }

    private static void EncodeStream(List<byte> output, string text, IReadOnlyList<AnalyzedToken> tokens)
    {
        WriteVarint(output, (uint)tokens.Count);
        var at = new Cursor { PreviousLength = -1 };
        var run = 0;
        var i = 0;
        while (i < tokens.Count)
        {
            // Whole Han runs (the bigram stream is mostly these): one op for as many as follow one another.
            var hanRuns = 0;
            for (var probe = at; MatchesHanRun(text, tokens, i, ref probe, out var consumed); i += consumed)
            {
                if (hanRuns++ == 0)
                {
                    FlushRun(output, ref run);
                }

                at = probe;
            }

            if (hanRuns > 0)
            {
                output.Add(OpHanRuns);
                WriteVarint(output, (uint)hanRuns);
                continue;
            }

            var (term, start, end) = tokens[i];
            var length = end - start;
            var delta = start - at.PreviousStart;
            if (!AtOffsets(text, tokens[i]))
            {
                FlushRun(output, ref run);
                output.Add(OpLiteral);
                WriteVarint(output, ZigZag(delta));
                WriteVarint(output, (uint)term.Length);
                foreach (var c in term)
                {
                    WriteVarint(output, c);
                }

                at.PreviousStart = start;
                at.PreviousLength = -1; // a literal never starts a run and does not move the end
                i++;
                continue;
            }

            if (delta == 1 && length == at.PreviousLength)
            {
                run++;
                at.Advance(start, length);
                i++;
                continue;
            }

            FlushRun(output, ref run);
            if (PairPart(at.End, tokens[i]) is { } first && i + 1 < tokens.Count && AtOffsets(text, tokens[i + 1]) && PairPart(end, tokens[i + 1]) is { } second)
            {
                output.Add((byte)(OpPair | (first << 3) | second));
                at.Advance(tokens[i + 1].StartOffset, tokens[i + 1].EndOffset - tokens[i + 1].StartOffset);
                i += 2;
                continue;
            }

            if (delta is >= 0 and <= 15 && length <= 7)
            {
                output.Add((byte)((delta * 8) + length));
            }
            else
            {
                output.Add(OpGeneral);
                WriteVarint(output, ZigZag(delta));
                WriteVarint(output, (uint)length);
            }

            at.Advance(start, length);
            i++;
        }

        FlushRun(output, ref run);
    }

    private static bool AtOffsets(string text, AnalyzedToken token) =>
        token.StartOffset >= 0 && token.EndOffset > token.StartOffset && token.EndOffset <= text.Length
        && FoldedEquals(text.AsSpan(token.StartOffset, token.EndOffset - token.StartOffset), token.Term);

    /// <summary>
    /// Whether <paramref name="slice"/> reads as <paramref name="term"/> once <see cref="Fold"/>ed: terms are lower-case
    /// and the text is not, so <c>TPU</c> in a title still costs a byte. The fold is fixed here, not the normaliser's, so
    /// a changed normaliser cannot change what stored tokens decode to.
    /// </summary>
    private static bool FoldedEquals(ReadOnlySpan<char> slice, ReadOnlySpan<char> term)
    {
        if (slice.Length != term.Length)
        {
            return false;
        }

        for (var i = 0; i < slice.Length; i++)
        {
            if (Fold(slice[i]) != term[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ASCII upper case to lower case, full-width ASCII (U+FF01–U+FF5E) to ASCII lower case; everything else as is.</summary>
    private static char Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }

        return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
    }

    /// <summary>A token of a pair op (3 bits: a gap of 0 or 1 after <paramref name="end"/>, then the length 1–4), or <see langword="null"/>.</summary>
    private static int? PairPart(int end, AnalyzedToken token)
    {
        int gap = token.StartOffset - end, length = token.EndOffset - token.StartOffset;
        return gap is 0 or 1 && length is >= 1 and <= 4 ? (gap << 2) | (length - 1) : null;
    }

    /// <summary>Whether the tokens from <paramref name="i"/> are exactly those of the next Han run after <paramref name="at"/> (then advances it).</summary>
    private static bool MatchesHanRun(string text, IReadOnlyList<AnalyzedToken> tokens, int i, ref Cursor at, out int consumed)
    {
        consumed = 0;
        if (!NextHanRun(text, at.End, out var runStart, out var runEnd))
        {
            return false;
        }

        var count = runEnd - runStart == 1 ? 1 : runEnd - runStart - 1;
        var width = Math.Min(2, runEnd - runStart);
        if (i + count > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < count; k++)
        {
            var t = tokens[i + k];
            if (t.StartOffset != runStart + k || t.EndOffset != runStart + k + width || !AtOffsets(text, t))
            {
                return false;
            }
        }

        consumed = count;
        at.Advance(runStart + count - 1, width);
        at.End = runEnd;
        return true;
    }

    /// <summary>The next maximal run of Han characters at or after <paramref name="from"/>.</summary>
    private static bool NextHanRun(string text, int from, out int start, out int end)
    {
        start = from;
        while (start < text.Length && !IsHan(text[start]))
        {
            start++;
        }

        end = start;
        while (end < text.Length && IsHan(text[end]))
        {
            end++;
        }

        return end > start;
    }

    private static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    private static void FlushRun(List<byte> output, ref int run)
    {
        if (run > 0)
        {
            output.Add(OpRun);
            WriteVarint(output, (uint)run);
            run = 0;
        }
    }

    private static string DecodeStream(ReadOnlySpan<byte> encoded, ref int pos, string text)
    {
        var count = ReadVarint(encoded, ref pos);
        if (count > (uint)(encoded.Length + text.Length) * 8)
        {
            throw new FormatException("implausible stored token count (词元数量异常)");
        }

        var terms = new JoinedTerms(text.Length + 16);
        var at = new Cursor { PreviousLength = -1 };
        while (terms.Count < count)
        {
            if (pos >= encoded.Length)
            {
                throw new FormatException("the stored tokens are truncated (词元数据不完整)");
            }

            var op = encoded[pos++];
            if (op < 0x80)
            {
                Add(terms, text, ref at, at.PreviousStart + (op / 8), op % 8);
            }
            else if (op >= OpPair)
            {
                Add(terms, text, ref at, at.End + ((op >> 5) & 1), ((op >> 3) & 3) + 1);
                if (terms.Count == count)
                {
                    throw new FormatException("a stored token pair past the token count (词元数据异常)");
                }

                Add(terms, text, ref at, at.End + ((op >> 2) & 1), (op & 3) + 1);
            }
            else if (op == OpGeneral)
            {
                var start = at.PreviousStart + UnZigZag(ReadVarint(encoded, ref pos));
                Add(terms, text, ref at, start, (int)ReadVarint(encoded, ref pos));
            }
            else if (op == OpLiteral)
            {
                at.PreviousStart += UnZigZag(ReadVarint(encoded, ref pos));
                at.PreviousLength = -1;
                var chars = new char[ReadVarint(encoded, ref pos) is var n && n <= (uint)encoded.Length ? (int)n : throw new FormatException("implausible literal token length (词元长度异常)")];
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = (char)ReadVarint(encoded, ref pos);
                }

                terms.Add(chars, fold: false);
            }
            else if (op == OpRun && at.PreviousLength > 0)
            {
                var n = ReadVarint(encoded, ref pos);
                if (n == 0 || n > count - (uint)terms.Count)
                {
                    throw new FormatException("a stored token run of implausible length (词元数据异常)");
                }

                for (var k = 0u; k < n; k++)
                {
                    Add(terms, text, ref at, at.PreviousStart + 1, at.PreviousLength);
                }
            }
            else if (op == OpHanRuns)
            {
                var n = ReadVarint(encoded, ref pos);
                if (n == 0 || n > count - (uint)terms.Count)
                {
                    throw new FormatException("a stored Han run count of implausible size (词元数据异常)");
                }

                for (var k = 0u; k < n; k++)
                {
                    if (!NextHanRun(text, at.End, out var runStart, out var runEnd))
                    {
                        throw new FormatException("a stored Han run past the end of the text (词元位置越界)");
                    }

                    var width = Math.Min(2, runEnd - runStart);
                    for (var t = runStart; t + width <= runEnd; t++)
                    {
                        if (terms.Count == count)
                        {
                            throw new FormatException("a stored Han run past the token count (词元数据异常)");
                        }

                        Add(terms, text, ref at, t, width);
                    }

                    at.End = runEnd;
                }
            }
            else
            {
                throw new FormatException($"unknown stored token op 0x{op:x2} (词元数据异常)");
            }
        }

        return terms.ToString();
    }

    private static void Add(JoinedTerms terms, string text, ref Cursor at, int start, int length)
    {
        terms.Add(Slice(text, start, length), fold: true);
        at.Advance(start, length);
    }

    private static ReadOnlySpan<char> Slice(string text, int start, int length) =>
        start >= 0 && length > 0 && start + length <= text.Length
            ? text.AsSpan(start, length)
            : throw new FormatException("a stored token lies outside the document's text (词元位置越界)");

    /// <summary>Decoded terms, space-joined as they are read (one string per stream instead of one per token).</summary>
    private sealed class JoinedTerms(int capacity)
    {
        private readonly System.Text.StringBuilder _text = new(capacity);

        public int Count { get; private set; }

        public void Add(ReadOnlySpan<char> term, bool fold)
        {
            if (Count++ > 0)
            {
                _text.Append(' ');
            }

            if (!fold)
            {
                _text.Append(term);
                return;
            }

            foreach (var c in term)
            {
                _text.Append(Fold(c));
            }
        }

        public override string ToString() => _text.ToString();
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static int UnZigZag(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    private static void WriteVarint(List<byte> output, uint value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static uint ReadVarint(ReadOnlySpan<byte> encoded, ref int pos)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (pos >= encoded.Length)
            {
                throw new FormatException("the stored tokens are truncated (词元数据不完整)");
            }

            var b = encoded[pos++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("a malformed varint in the stored tokens (词元数据异常)");
    }
}
