using System.IO.Hashing;
using System.Runtime.InteropServices;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Duplicates;

/// <summary>
/// Finds needs and achievements posted twice or across sources: MinHash signatures over character 3-shingles of the
/// normalised text (punctuation and spacing ignored), so reworded copies with the same content score high.
/// </summary>
/// <remarks>Thread-safe and stateless apart from its settings.</remarks>
public sealed class NearDuplicateDetector
{
    private const int ShingleLength = 3;
    private readonly ulong[] _seeds;

    /// <summary>Creates a detector.</summary>
    /// <param name="threshold">Estimated Jaccard similarity at or above which two texts are duplicates (0.5–1). Default 0.7.</param>
    /// <param name="hashes">Signature length (more is more precise and slower). Default 128.</param>
    public NearDuplicateDetector(double threshold = 0.7, int hashes = 128)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0.5);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(hashes, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hashes, 1024);
        Threshold = threshold;
        var random = new Random(0x5EED);
        _seeds = Enumerable.Range(0, hashes).Select(_ => (ulong)random.NextInt64()).ToArray();
    }

    /// <summary>The similarity threshold.</summary>
    public double Threshold { get; }

    /// <summary>Computes a document's signature from its title, keywords and description.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The signature.</returns>
    public ulong[] Signature(MatchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Signature(document.GetSearchText());
    }

    /// <summary>Computes a text's MinHash signature.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The signature.</returns>
    public ulong[] Signature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = new string(ChineseTextNormalizer.Default.Normalize(text).Where(char.IsLetterOrDigit).ToArray());
        var signature = Enumerable.Repeat(ulong.MaxValue, _seeds.Length).ToArray();
        for (var i = 0; i + ShingleLength <= Math.Max(compact.Length, ShingleLength) && compact.Length > 0; i++)
        {
            var shingle = compact.AsSpan(i, Math.Min(ShingleLength, compact.Length - i));
            var bytes = MemoryMarshal.AsBytes(shingle);
            for (var h = 0; h < _seeds.Length; h++)
            {
                var value = XxHash64.HashToUInt64(bytes, (long)_seeds[h]);
                if (value < signature[h])
                {
                    signature[h] = value;
                }
            }
        }

        return signature;
    }

    /// <summary>Estimated Jaccard similarity of two signatures.</summary>
    /// <param name="a">A signature.</param>
    /// <param name="b">Another signature of the same length.</param>
    /// <returns>A value in [0, 1].</returns>
    public static double Similarity(ulong[] a, ulong[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException("Signatures must have the same, non-zero length.", nameof(b));
        }

        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            same += a[i] == b[i] && a[i] != ulong.MaxValue ? 1 : 0;
        }

        return (double)same / a.Length;
    }

    /// <summary>Whether two documents are near-duplicates.</summary>
    /// <param name="a">A document.</param>
    /// <param name="b">Another document.</param>
    /// <returns><see langword="true"/> when their similarity reaches <see cref="Threshold"/>.</returns>
    public bool AreDuplicates(MatchDocument a, MatchDocument b) => Similarity(Signature(a), Signature(b)) >= Threshold;

    /// <summary>Groups documents into clusters of near-duplicates (single link); documents without a duplicate are left out.</summary>
    /// <param name="documents">The documents.</param>
    /// <returns>Clusters of document ids, each with two or more ids.</returns>
    public IReadOnlyList<IReadOnlyList<string>> FindClusters(IEnumerable<MatchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var items = documents.Select(d => (d.Id, Signature: Signature(d))).ToArray();
        var parent = Enumerable.Range(0, items.Length).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);

        // Locality-sensitive banding (rows of 4) limits comparisons to likely pairs.
        const int Rows = 4;
        var buckets = new Dictionary<(int Band, ulong Key), List<int>>();
        for (var i = 0; i < items.Length; i++)
        {
            for (var band = 0; band + Rows <= items[i].Signature.Length; band += Rows)
            {
                var key = 1469598103934665603UL;
                for (var r = 0; r < Rows; r++)
                {
                    key = (key ^ items[i].Signature[band + r]) * 1099511628211UL;
                }

                ref var bucket = ref CollectionsMarshal.GetValueRefOrAddDefault(buckets, (band, key), out _);
                bucket ??= [];
                bucket.Add(i);
            }
        }

        foreach (var bucket in buckets.Values.Where(b => b.Count > 1))
        {
            for (var x = 0; x < bucket.Count; x++)
            {
                for (var y = x + 1; y < bucket.Count; y++)
                {
                    if (Find(bucket[x]) != Find(bucket[y]) && Similarity(items[bucket[x]].Signature, items[bucket[y]].Signature) >= Threshold)
                    {
                        parent[Find(bucket[x])] = Find(bucket[y]);
                    }
                }
            }
        }

        return Enumerable.Range(0, items.Length)
            .GroupBy(Find)
            .Where(g => g.Count() > 1)
            .Select(g => (IReadOnlyList<string>)g.Select(i => items[i].Id).ToArray())
            .ToArray();
    }
}
