using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// A long stored text (the description) as Brotli-compressed UTF-8 behind its UTF-8 length (4 bytes, little-endian).
/// Lucene.Net 4.8 compresses stored fields with LZ4 in 16 KB chunks, which barely shrinks Chinese UTF-8 (three bytes a
/// character); Brotli at quality 5 takes it to about two thirds, and a candidate's description decodes in microseconds.
/// </summary>
internal static class StoredText
{
    /// <summary>Brotli quality and window: measured on the synthetic corpus, quality 5 gives most of the gain of 11 at a fraction of the cost.</summary>
    private const int Quality = 5;
    private const int Window = 16;

    public static byte[] Compress(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var output = new byte[4 + BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(output, utf8.Length);
        if (!BrotliEncoder.TryCompress(utf8, output.AsSpan(4), out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress a stored text."); // cannot happen: the buffer is the maximum size
        }

        return output[..(4 + written)];
    }

    /// <summary>The text; a damaged value throws <see cref="FormatException"/>.</summary>
    public static string Decompress(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < 4)
        {
            throw new FormatException("the compressed text is truncated (压缩文本不完整)");
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(stored);
        if (length is < 0 or > 4 * MatchDocument.MaxDescriptionLength)
        {
            throw new FormatException($"implausible compressed text length {length} (压缩文本长度异常)");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            if (!BrotliDecoder.TryDecompress(stored[4..], buffer.AsSpan(0, length), out var written) || written != length)
            {
                throw new FormatException("the compressed text does not decode (压缩文本无法解码)");
            }

            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("the compressed text is not UTF-8 (压缩文本编码错误)", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
