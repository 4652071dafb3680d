using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Quanzhou.Matching.Embeddings;

/// <summary>
/// Vectors as stored in the index: a little-endian float32 scale then one signed byte per dimension (symmetric int8
/// quantisation, value ≈ byte × scale): 4 + d bytes, a quarter of float32. Dot products are taken in int8 × int8 with
/// SIMD (<see cref="Vector{T}"/> widening), then scaled.
/// </summary>
internal static class VectorCodec
{
    /// <summary>The quantised bytes of a vector.</summary>
    public static byte[] Encode(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[4 + vector.Length];
        var scale = Quantize(vector, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan(4)));
        BinaryPrimitives.WriteSingleLittleEndian(bytes, scale);
        return bytes;
    }

    /// <summary>Quantises <paramref name="vector"/> into <paramref name="target"/>; returns the scale (0 for a zero vector).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> target)
    {
        var max = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector);
        var scale = Math.Abs(max) / 127f;
        for (var i = 0; i < vector.Length; i++)
        {
            target[i] = scale == 0 ? (sbyte)0 : (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        }

        return scale;
    }

    /// <summary>The scale of stored bytes.</summary>
    public static float ScaleOf(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadSingleLittleEndian(bytes);

    /// <summary>The int8 part of stored bytes.</summary>
    public static ReadOnlySpan<sbyte> ValuesOf(ReadOnlySpan<byte> bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes[4..]);

    /// <summary>The integer dot product of two int8 vectors of the same length.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var sum = 0;
        var i = 0;
        if (Avx2.IsSupported && a.Length >= Vector256<sbyte>.Count)
        {
            // Widen to 16 bits, then vpmaddwd multiplies pairs and adds them into 32-bit lanes: two instructions per 16 values.
            var acc = Vector256<int>.Zero;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (a0, a1) = Vector256.Widen(Vector256.LoadUnsafe(ref ra, (nuint)i));
                var (b0, b1) = Vector256.Widen(Vector256.LoadUnsafe(ref rb, (nuint)i));
                acc = Avx2.Add(acc, Avx2.Add(Avx2.MultiplyAddAdjacent(a0, b0), Avx2.MultiplyAddAdjacent(a1, b1)));
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector.IsHardwareAccelerated && a.Length >= Vector<sbyte>.Count)
        {
            var acc = Vector<int>.Zero;
            for (; i <= a.Length - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
            {
                Vector.Widen(new Vector<sbyte>(a[i..]), out var a0, out var a1);
                Vector.Widen(new Vector<sbyte>(b[i..]), out var b0, out var b1);

                // |int8 × int8| ≤ 16,129 fits a short; widen the products to int before adding.
                Vector.Widen(a0 * b0, out var p0, out var p1);
                Vector.Widen(a1 * b1, out var p2, out var p3);
                acc += p0 + p1 + p2 + p3;
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
