using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Quanzhou.Matching.Onnx.Tests;

internal static class Vectors
{
    public static float Cosine(Embedding<float> a, Embedding<float> b) => TensorPrimitives.CosineSimilarity(a.Vector.Span, b.Vector.Span);

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance,
                $"{what}: component {i} is {actual[i]}, expected {expected[i]} (tolerance {tolerance}).");
        }
    }

    public static async Task<float[][]> EmbedAsync(this OnnxEmbeddingGenerator generator, params string[] texts)
    {
        var embeddings = await generator.GenerateAsync(texts);
        return embeddings.Select(e => e.Vector.ToArray()).ToArray();
    }
}
