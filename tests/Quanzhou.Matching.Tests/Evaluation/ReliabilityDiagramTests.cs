using System.Buffers.Binary;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.EvaluationTool;

namespace Quanzhou.Matching.Tests.Evaluation;

/// <summary>The evaluation tool's <c>reliability.png</c> (<see cref="ReliabilityDiagram"/>), drawn from hand-made bins.</summary>
public class ReliabilityDiagramTests
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    internal static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Write_TwoPipelines_WritesAPngOfTheSetSize()
    {
        var folder = Directory.CreateTempSubdirectory("qzm-reliability-").FullName;
        var path = Path.Combine(folder, ReliabilityDiagram.FileName);

        ReliabilityDiagram.Write(path, "dev", [Pipeline("learned", 0.0084), Pipeline("bm25-fused", 0.0132)]);

        AssertPng(path, ReliabilityDiagram.Width, ReliabilityDiagram.Height);
    }

    [Fact]
    public void Drawn_PipelineWithoutStrengths_LeftOut()
    {
        var withStrengths = Pipeline("learned", 0.01);
        var without = new PipelineEvaluation("bm25-words", [], 1, 2);

        Assert.Equal([withStrengths], ReliabilityDiagram.Drawn([without, withStrengths]));
    }

    [Fact]
    public void Write_NoPipeline_Throws()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qzm-{Guid.NewGuid():N}.png");

        Assert.Throws<ArgumentException>(() => ReliabilityDiagram.Write(path, "dev", []));
        Assert.False(File.Exists(path));
    }

    /// <summary>Asserts <paramref name="path"/> is a PNG (signature, IHDR first) of the given size and not a blank one.</summary>
    internal static void AssertPng(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path} has only {bytes.Length} bytes: a blank image?");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    private static PipelineEvaluation Pipeline(string name, double ece) =>
        new(name, [], 1, 2)
        {
            CalibrationError = ece,
            ReliabilityBins = [(0.05, 0.04, 900), (0.15, 0.17, 400), (0.35, 0.33, 150), (0.55, 0.58, 60), (0.85, 0.83, 30)],
        };
}
