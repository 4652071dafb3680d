using BenchmarkDotNet.Attributes;
using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// The exact dense scan of hybrid matching — int8 dot products (SIMD) over a segment's contiguous vectors into a top-100
/// heap — at the sizes a portal reaches: what one query costs the dense source, embedding excluded. Random unit vectors.
/// </summary>
public class DenseScanBenchmarks
{
    private SegmentVectors _vectors = null!;
    private QueryVector _query = null!;

    /// <summary>Documents in the segment.</summary>
    [Params(100_000, 1_000_000)]
    public int Documents { get; set; }

    /// <summary>Vector length (bge-small-zh 512, bge-base-zh 768; the shared vectors 256).</summary>
    [Params(256, 768)]
    public int Dimensions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var values = new sbyte[(long)Documents * Dimensions];
        var scales = new float[Documents];
        var vector = new float[Dimensions];
        for (var d = 0; d < Documents; d++)
        {
            for (var i = 0; i < Dimensions; i++)
            {
                vector[i] = (float)((random.NextDouble() * 2) - 1);
            }

            scales[d] = VectorCodec.Quantize(vector, values.AsSpan(d * Dimensions, Dimensions));
        }

        _vectors = SegmentVectors.FromArrays(Dimensions, values, scales);
        _query = new QueryVector(vector);
    }

    /// <summary>One query's dense top 100 over the whole segment, on one core.</summary>
    [Benchmark]
    public int ScanTop100()
    {
        var top = new Retrieval.Pruning.TopHits(100);
        DenseRetriever.ScanSegment(_vectors, null, Documents, 0, _query, top);
        return top.ToScoreDocs().Length;
    }
}
