using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// A row-major float16 or float32 matrix read from a NumPy <c>.npy</c> file (format versions 1–3, little-endian, C order):
/// what <c>numpy.save</c> writes for an (n, d) array. Anything else is refused with a message naming the file.
/// </summary>
internal sealed partial class NpyMatrix
{
    private NpyMatrix(int rows, int columns, float[] values)
    {
        Rows = rows;
        Columns = columns;
        Values = values;
    }

    public int Rows { get; }

    public int Columns { get; }

    public float[] Values { get; }

    public float[] Row(int i) => Values.AsSpan(i * Columns, Columns).ToArray();

    public static NpyMatrix Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new FormatException($"{path}: not a .npy file (no \\x93NUMPY magic)");
        }

        var major = bytes[6];
        var (headerLength, headerStart) = major == 1
            ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10)
            : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = Descr().Match(header);
        var shape = Shape().Match(header);
        if (!descr.Success || !shape.Success || header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new FormatException($"{path}: unsupported .npy header {header.Trim()} (need a C-order 2-D float16 or float32 array)");
        }

        var rows = int.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture);
        var columns = int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture);
        var width = descr.Groups[1].Value switch
        {
            "<f2" => 2,
            "<f4" => 4,
            var other => throw new FormatException($"{path}: dtype {other} is not supported (float16 '<f2' or float32 '<f4')"),
        };
        var data = bytes.AsSpan(headerStart + headerLength);
        if (data.Length != (long)rows * columns * width)
        {
            throw new FormatException($"{path}: {data.Length} data bytes for shape ({rows}, {columns}) of {width}-byte floats");
        }

        var values = new float[rows * columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = width == 2
                ? (float)BinaryPrimitives.ReadHalfLittleEndian(data[(i * 2)..])
                : BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
        }

        return new NpyMatrix(rows, columns, values);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'shape':\s*\((\d+),\s*(\d+),?\s*\)")]
    private static partial Regex Shape();
}
