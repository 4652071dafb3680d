using System.Globalization;
using Quanzhou.Matching.Evaluation;
using ScottPlot;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// The reliability diagram of a run (<c>reliability.png</c> in <c>--out</c>): per pipeline that gives strengths, the
/// mean predicted strength of each of its <see cref="PipelineEvaluation.ReliabilityBins"/> against the observed
/// relevance rate (top 10 per query, relevance = grade ≥ 2), with the expected calibration error in the legend and the
/// diagonal of perfect calibration. Aggregates only: no query or document id is drawn.
/// </summary>
/// <remarks>Drawn with ScottPlot on SkiaSharp (its native Linux asset without dependencies: no apt package needed).</remarks>
internal static class ReliabilityDiagram
{
    /// <summary>The file name written in the output folder.</summary>
    public const string FileName = "reliability.png";

    /// <summary>Width of the image, pixels.</summary>
    public const int Width = 800;

    /// <summary>Height of the image, pixels.</summary>
    public const int Height = 600;

    /// <summary>
    /// Whether SkiaSharp finds a font to draw the title, labels and legend with. Its Linux asset without dependencies
    /// reads font files under <c>/usr/share/fonts</c> (no fontconfig); with none there the diagram is drawn without text.
    /// </summary>
    /// <remarks>With no font file the font manager still lists one family, unnamed: its default typeface has no glyph.</remarks>
    public static bool HasFont => SkiaSharp.SKTypeface.Default.GlyphCount > 0; // a shared instance: not disposed

    /// <summary>The pipelines the diagram draws: those with strengths (a <see cref="PipelineEvaluation.CalibrationError"/>).</summary>
    /// <param name="results">Every pipeline of the run.</param>
    /// <returns>The pipelines with strengths, in run order.</returns>
    public static IReadOnlyList<PipelineEvaluation> Drawn(IEnumerable<PipelineEvaluation> results) =>
        [.. results.Where(r => r.CalibrationError is not null && r.ReliabilityBins.Count > 0)];

    /// <summary>Draws the diagram of <paramref name="results"/> and writes it as a PNG to <paramref name="path"/>.</summary>
    /// <param name="path">The PNG file to write (replaced if present).</param>
    /// <param name="split">The split evaluated, shown in the title.</param>
    /// <param name="results">The pipelines to draw (see <see cref="Drawn"/>); at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="results"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void Write(string path, string split, IReadOnlyList<PipelineEvaluation> results)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            throw new ArgumentException("No pipeline with strengths to draw.", nameof(results));
        }

        using var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineWidth = 1.5f;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfectly calibrated";
        foreach (var result in results)
        {
            var bins = result.ReliabilityBins;
            var line = plot.Add.Scatter(bins.Select(b => b.MeanStrength).ToArray(), bins.Select(b => b.Observed).ToArray());
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{result.Name} (ECE {result.CalibrationError:0.0000})");
        }

        plot.Title($"Reliability diagram, {split} split (top 10 per query, relevant = grade >= 2)");
        plot.XLabel("mean predicted strength (per bin)");
        plot.YLabel("observed relevance rate");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
        plot.ShowLegend(Alignment.LowerRight); // below the diagonal, where over-confident bins would be: usually empty
        plot.SavePng(path, Width, Height);
        if (!File.Exists(path))
        {
            throw new IOException($"{path} was not created.");
        }
    }
}
