using System.Numerics.Tensors;

namespace Quanzhou.Matching.Onnx;

/// <summary>Mean or <c>[CLS]</c> pooling of an encoder's hidden states, and L2 normalisation.</summary>
internal static class SentencePooling
{
    /// <summary>
    /// Pools one text of a <c>[batch, sequence, hidden]</c> output. Padding is written after a text's
    /// <paramref name="tokenCount"/> real tokens, so the attention mask is exactly the first <paramref name="tokenCount"/> positions.
    /// </summary>
    public static float[] Pool(ReadOnlySpan<float> hiddenStates, int row, int sequenceLength, int hiddenSize, int tokenCount, OnnxPooling pooling)
    {
        var text = hiddenStates.Slice(row * sequenceLength * hiddenSize, sequenceLength * hiddenSize);
        var vector = text[..hiddenSize].ToArray();
        if (pooling == OnnxPooling.Cls)
        {
            return vector;
        }

        for (var t = 1; t < tokenCount; t++)
        {
            TensorPrimitives.Add(vector, text.Slice(t * hiddenSize, hiddenSize), vector);
        }

        TensorPrimitives.Divide(vector, tokenCount, vector);
        return vector;
    }

    /// <summary>Scales a vector to unit length in place; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        // sentence-transformers divides by max(norm, 1e-12), which leaves a zero vector at zero instead of NaN.
        var norm = MathF.Max(TensorPrimitives.Norm(vector), 1e-12f);
        TensorPrimitives.Divide(vector, norm, vector);
    }
}
