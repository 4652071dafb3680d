using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Embeddings;

/// <summary>
/// One segment's vectors in memory, contiguous int8 (d bytes per document plus a float scale), read once from its
/// binary doc values and cached on the segment's core: segments are immutable (an update is a delete plus an add), so
/// the cache survives new searcher generations and goes with the segment.
/// </summary>
internal sealed class SegmentVectors
{
    private static readonly ConditionalWeakTable<object, SegmentVectors> Cache = [];
    private readonly sbyte[] _values;
    private readonly float[] _scales;

    private SegmentVectors(int dimensions, sbyte[] values, float[] scales)
    {
        Dimensions = dimensions;
        _values = values;
        _scales = scales;
    }

    public int Dimensions { get; }

    /// <summary>Vectors from arrays (benchmarks and tests of the scan kernel): <paramref name="values"/> holds <c>scales.Length × dimensions</c> int8 values.</summary>
    internal static SegmentVectors FromArrays(int dimensions, sbyte[] values, float[] scales) => new(dimensions, values, scales);

    /// <summary>The vectors of <paramref name="reader"/>'s segment, which must all have <paramref name="dimensions"/> dimensions.</summary>
    /// <exception cref="IndexCorruptedException">A stored vector has another length.</exception>
    public static SegmentVectors For(AtomicReader reader, int dimensions, string indexName)
    {
        var vectors = Cache.GetValue(reader.CoreCacheKey, _ => Load(reader, dimensions, indexName));
        return vectors.Dimensions == dimensions
            ? vectors
            : throw new IndexCorruptedException($"A segment holds {vectors.Dimensions}-dimensional vectors where the index records {dimensions} (向量维度不一致).", "dense", indexName);
    }

    /// <summary>Whether the document has a vector.</summary>
    public bool Has(int doc) => _scales[doc] > 0;

    /// <summary>The dot product of the document's vector with a quantised query (see <see cref="QueryVector"/>).</summary>
    public float Score(int doc, QueryVector query) =>
        _scales[doc] * query.Scale * VectorCodec.Dot(_values.AsSpan(doc * Dimensions, Dimensions), query.Values);

    private static SegmentVectors Load(AtomicReader reader, int dimensions, string indexName)
    {
        var maxDoc = reader.MaxDoc;
        var scales = new float[maxDoc];
        var values = new sbyte[(long)maxDoc * dimensions];
        var (stored, has) = DocumentMapper.VectorValues(reader);
        if (stored is null || has is null)
        {
            return new SegmentVectors(dimensions, values, scales);
        }

        var bytes = new BytesRef();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (!has.Get(doc))
            {
                continue;
            }

            stored.Get(doc, bytes);
            if (bytes.Length != 4 + dimensions)
            {
                return new SegmentVectors(bytes.Length - 4, [], []);
            }

            var span = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length);
            scales[doc] = VectorCodec.ScaleOf(span);
            VectorCodec.ValuesOf(span).CopyTo(values.AsSpan(doc * dimensions, dimensions));
        }

        return new SegmentVectors(dimensions, values, scales);
    }
}

/// <summary>A query vector quantised like the stored ones, so scoring is an int8 dot product.</summary>
internal sealed class QueryVector
{
    public QueryVector(float[] vector)
    {
        Values = new sbyte[vector.Length];
        Scale = VectorCodec.Quantize(vector, Values);
    }

    public sbyte[] Values { get; }

    public float Scale { get; }
}
