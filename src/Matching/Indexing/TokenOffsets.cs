using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The stored token streams of a document as positions in its normalised search text, which is recomputed at read time
/// from the stored title, keywords and description (normalising is cheap; re-running SmartCn is not). A token whose term
/// is the text at its offsets costs about one byte; any other token (a stemmed English word) is stored literally; a run
/// of overlapping CJK bigrams costs two or three bytes. The space-joined words and the compact bigrams it replaces were
/// two thirds of the stored bytes. The text's length and XxHash32 are stored with the tokens: a document whose
/// normalised text differs from the one analysed at index time (a changed normaliser) is never decoded against it.
/// </summary>
/// <remarks>
/// Layout: a format byte (<see cref="Format"/>), the text length (varint), its XxHash32 (4 bytes), then the words and
/// the bigrams, each as a token count (varint) and ops. An op byte below 0x80 is one token at <c>start delta = b / 8</c>
/// (0–15) from the previous token's start with <c>length = b % 8</c> (1–7); <see cref="OpGeneral"/> is one token with a
/// zigzag varint delta and a varint length; <see cref="OpLiteral"/> a zigzag varint delta and the term's UTF-16 code
/// units as varints (count first); <see cref="OpRun"/> a varint n: n more tokens, each one further on with the previous
/// token's length.
/// </remarks>
internal static class TokenOffsets
{
    public const byte Format = 1;
    private const byte OpGeneral = 0x80;
    private const byte OpLiteral = 0x81;
    private const byte OpRun = 0x82;

    public static byte[] Encode(string normalized, IReadOnlyList<AnalyzedToken> words, IReadOnlyList<AnalyzedToken> bigrams)
    {
        var output = new List<byte>(16 + words.Count + (bigrams.Count / 4)) { Format };
        WriteVarint(output, (uint)normalized.Length);
        Span<byte> hash = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(hash, Hash(normalized));
        foreach (var b in hash)
        {
            output.Add(b);
        }

        EncodeStream(output, normalized, words);
        EncodeStream(output, normalized, bigrams);
        return [.. output];
    }

    /// <summary>
    /// The word and bigram terms, or <see langword="null"/> when <paramref name="normalized"/> is not the text the
    /// tokens were encoded against (the caller re-analyses). Malformed bytes throw <see cref="FormatException"/>.
    /// </summary>
    public static (List<string> Words, List<string> Bigrams)? Decode(ReadOnlySpan<byte> encoded, string normalized)
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
        if (length != (uint)normalized.Length || hash != Hash(normalized))
        {
            return null;
        }

        var words = DecodeStream(encoded, ref pos, normalized);
        var bigrams = DecodeStream(encoded, ref pos, normalized);
        return pos == encoded.Length ? (words, bigrams) : throw new FormatException("trailing bytes after the stored tokens (词元数据多余)");
    }

    private static uint Hash(string text) => XxHash32.HashToUInt32(MemoryMarshal.AsBytes(text.AsSpan()));

    private static void EncodeStream(List<byte> output, string text, IReadOnlyList<AnalyzedToken> tokens)
    {
        WriteVarint(output, (uint)tokens.Count);
        int previousStart = 0, previousLength = -1, run = 0;
        foreach (var (term, start, end) in tokens)
        {
            var length = end - start;
            var delta = start - previousStart;
            var atOffsets = start >= 0 && length > 0 && end <= text.Length && text.AsSpan(start, length).SequenceEqual(term);
            if (atOffsets && delta == 1 && length == previousLength)
            {
                run++;
                previousStart = start;
                continue;
            }

            FlushRun(output, ref run);
            if (!atOffsets)
            {
                output.Add(OpLiteral);
                WriteVarint(output, ZigZag(delta));
                WriteVarint(output, (uint)term.Length);
                foreach (var c in term)
                {
                    WriteVarint(output, c);
                }

                previousLength = -1; // a literal never starts a run
            }
            else
            {
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

                previousLength = length;
            }

            previousStart = start;
        }

        FlushRun(output, ref run);
    }

    private static void FlushRun(List<byte> output, ref int run)
    {
        if (run > 0)
        {
            output.Add(OpRun);
            WriteVarint(output, (uint)run);
            run = 0;
        }
    }

    private static List<string> DecodeStream(ReadOnlySpan<byte> encoded, ref int pos, string text)
    {
        var count = ReadVarint(encoded, ref pos);
        if (count > (uint)(encoded.Length + text.Length) * 8)
        {
            throw new FormatException("implausible stored token count (词元数量异常)");
        }

        var terms = new List<string>((int)count);
        int start = 0, length = -1;
        while (terms.Count < count)
        {
            if (pos >= encoded.Length)
            {
                throw new FormatException("the stored tokens are truncated (词元数据不完整)");
            }

            var op = encoded[pos++];
            if (op < 0x80)
            {
                start += op / 8;
                length = op % 8;
                terms.Add(Slice(text, start, length));
            }
            else if (op == OpGeneral)
            {
                start += UnZigZag(ReadVarint(encoded, ref pos));
                length = (int)ReadVarint(encoded, ref pos);
                terms.Add(Slice(text, start, length));
            }
            else if (op == OpLiteral)
            {
                start += UnZigZag(ReadVarint(encoded, ref pos));
                var chars = new char[ReadVarint(encoded, ref pos) is var n && n <= (uint)encoded.Length ? (int)n : throw new FormatException("implausible literal token length (词元长度异常)")];
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = (char)ReadVarint(encoded, ref pos);
                }

                terms.Add(new string(chars));
                length = -1;
            }
            else if (op == OpRun && length > 0)
            {
                var n = ReadVarint(encoded, ref pos);
                if (n == 0 || n > count - (uint)terms.Count)
                {
                    throw new FormatException("a stored token run of implausible length (词元数据异常)");
                }

                for (var k = 0u; k < n; k++)
                {
                    start++;
                    terms.Add(Slice(text, start, length));
                }
            }
            else
            {
                throw new FormatException($"unknown stored token op 0x{op:x2} (词元数据异常)");
            }
        }

        return terms;
    }

    private static string Slice(string text, int start, int length) =>
        start >= 0 && length > 0 && start + length <= text.Length
            ? text.Substring(start, length)
            : throw new FormatException("a stored token lies outside the document's text (词元位置越界)");

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
