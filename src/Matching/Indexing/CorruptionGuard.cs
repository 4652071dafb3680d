using System.Text;
using Lucene.Net.Index;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// Turns what Lucene.Net throws when it meets damaged index files — checksum and codec errors, missing files, and the
/// raw <see cref="IndexOutOfRangeException"/>, <see cref="ArgumentOutOfRangeException"/> or
/// <see cref="DecoderFallbackException"/> of a decoder reading garbage — into one typed
/// <see cref="IndexCorruptedException"/> with the original as its inner exception.
/// </summary>
internal static class CorruptionGuard
{
    /// <summary>Whether an exception from reading index files means the files are damaged.</summary>
    public static bool IsCorruption(Exception ex) => ex is IOException or IndexOutOfRangeException or ArgumentException
        or FormatException or OverflowException or InvalidCastException or CorruptIndexException
        || ex.GetType().FullName == LuceneRuntimeException;

    /// <summary>
    /// Lucene.Net's internal stand-in for Java's RuntimeException, thrown by its decoders on garbage (measured:
    /// "Invalid VInt32 detected (too many bits)" from a flipped byte, read with checksums on open turned off).
    /// </summary>
    private const string LuceneRuntimeException = "Lucene.Net.Util.LuceneSystemException";

    /// <summary>The typed error for a damaged index, naming the index (and Lucene's message, which names the file).</summary>
    public static IndexCorruptedException Wrap(Exception ex, string operation, string indexName) =>
        ex as IndexCorruptedException ?? new IndexCorruptedException(
            $"The index at '{indexName}' is corrupt or unreadable (索引已损坏): {ex.GetType().Name}: {ex.Message}. Rebuild it from the source documents.",
            operation,
            indexName,
            ex);
}
