using System.Text.Json.Nodes;
using Quanzhou.Matching.EvaluationTool;

namespace Quanzhou.Matching.Tests.Evaluation;

/// <summary>
/// The evaluation tool run in-process (<see cref="EvaluationRun.RunAsync(string[], TextWriter, TextWriter)"/>) on a
/// synthetic dataset with bad records: reported and skipped, counted in summary.json, or with --strict a clean stop.
/// </summary>
[Trait("Category", "Reliability")]
public class EvaluationToolTests
{
    [Fact]
    public async Task RunAsync_BadRecords_ReportedSkippedCountedAndTheRestEvaluated()
    {
        var data = SyntheticDataset.Create(seed: 11);
        var outFolder = Path.Combine(data.Folder, "out");

        var (exitCode, output, error) = await RunAsync("--data", data.Folder, "--split", "dev", "--out", outFolder);

        Assert.True(exitCode == ExitCodes.Success, error);
        foreach (var (file, line, reason) in data.Bad)
        {
            var reported = Assert.Single(error.Split('\n'), l => l.StartsWith($"  {file}:{line}: ", StringComparison.Ordinal));
            Assert.Contains(reason, reported, StringComparison.Ordinal);
        }

        AssertNoStackTrace(error);
        Assert.Contains($"skipped records: {data.Bad.Count} (corpus.jsonl {data.BadCount("corpus.jsonl")}", output, StringComparison.Ordinal);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outFolder, "summary.json")))!;
        var skipped = summary["skipped_records"]!;
        Assert.Equal(data.Bad.Count, (int)skipped["total"]!);
        foreach (var file in new[] { "corpus.jsonl", "queries.dev.tsv", "qrels.dev.txt" })
        {
            Assert.Equal(data.BadCount(file), (int)skipped["files"]![file]!);
        }

        Assert.Equal(data.Bad.Count, skipped["listed"]!.AsArray().Count);
        foreach (var pipeline in new[] { "bm25-words", "bm25-bigrams", "bm25-fused", "learned" })
        {
            Assert.Equal(data.GoodJudgedQueries, (int)summary["pipelines"]![pipeline]!["all"]!["queries"]!);
        }

        Assert.True((double)summary["pipelines"]!["bm25-fused"]!["all"]!["ndcg@10"]! > 0.5, "the good records were indexed and found");
    }

    [Fact]
    public async Task RunAsync_ManyBadRecords_ListingCappedWithTheCountOfTheRest()
    {
        var data = SyntheticDataset.Create(seed: 12, extraBadDocuments: 30);
        var outFolder = Path.Combine(data.Folder, "out");

        var (exitCode, _, error) = await RunAsync("--data", data.Folder, "--out", outFolder);

        Assert.Equal(ExitCodes.Success, exitCode);
        var listed = error.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("  ...", StringComparison.Ordinal));
        Assert.Equal(SkippedRecords.MaxListed, listed.Count());
        Assert.Contains($"  ... and {data.Bad.Count - SkippedRecords.MaxListed} more", error, StringComparison.Ordinal);
        var skipped = JsonNode.Parse(File.ReadAllText(Path.Combine(outFolder, "summary.json")))!["skipped_records"]!;
        Assert.Equal(data.Bad.Count, (int)skipped["total"]!);
        Assert.Equal(data.BadCount("corpus.jsonl"), (int)skipped["files"]!["corpus.jsonl"]!);
        Assert.Equal(SkippedRecords.MaxListed, skipped["listed"]!.AsArray().Count);
    }

    [Fact]
    public async Task RunAsync_Strict_ExitsWithBadRecordCodeAndOneLineNamingTheFirstBadLine()
    {
        var data = SyntheticDataset.Create(seed: 13);
        var outFolder = Path.Combine(data.Folder, "out");
        var first = data.Bad.Where(b => b.File == "corpus.jsonl").MinBy(b => b.Line); // the corpus is read first

        var (exitCode, _, error) = await RunAsync("--data", data.Folder, "--out", outFolder, "--strict");

        Assert.Equal(ExitCodes.BadRecord, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {Path.Combine(data.Folder, "corpus.jsonl")}:{first.Line}: ", line, StringComparison.Ordinal);
        Assert.Contains(first.Reason, line, StringComparison.Ordinal);
        AssertNoStackTrace(error);
        Assert.False(File.Exists(Path.Combine(outFolder, "summary.json")));
    }

    [Fact]
    public async Task RunAsync_StrictOnCleanData_Succeeds()
    {
        var data = SyntheticDataset.Create(seed: 14);
        foreach (var file in new[] { "corpus.jsonl", "queries.dev.tsv", "qrels.dev.txt" })
        {
            var path = Path.Combine(data.Folder, file);
            var bad = data.Bad.Where(b => b.File == file).Select(b => b.Line).ToHashSet();
            File.WriteAllLines(path, File.ReadAllLines(path).Where((_, i) => !bad.Contains(i + 1)));
        }

        var (exitCode, output, error) = await RunAsync("--data", data.Folder, "--strict");

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains("skipped records: 0 (corpus.jsonl 0, queries.dev.tsv 0, qrels.dev.txt 0)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-folder")]
    [InlineData("no-queries")]
    [InlineData("no-qrels")]
    [InlineData("no-model")]
    public async Task RunAsync_MissingInput_ExitsWithInputUnavailableAndAMessage(string missing)
    {
        var data = SyntheticDataset.Create(seed: 15);
        var folder = missing == "no-folder" ? Path.Combine(data.Folder, "absent") : data.Folder;
        if (missing == "no-queries")
        {
            File.Delete(Path.Combine(folder, "queries.dev.tsv"));
        }
        else if (missing == "no-qrels")
        {
            File.Delete(Path.Combine(folder, "qrels.dev.txt"));
        }

        string[] args = missing == "no-model" ? ["--data", folder, "--model", Path.Combine(folder, "no-model")] : ["--data", folder];
        var (exitCode, _, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.InputUnavailable, exitCode);
        Assert.StartsWith("error: ", error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        AssertNoStackTrace(error);
        if (missing == "no-folder")
        {
            Assert.Contains("../shared/data", error, StringComparison.Ordinal); // the existing "where is the data" message
        }
    }

    [Fact]
    public async Task RunAsync_NothingValidLeft_ExitsWithBadRecordCode()
    {
        var data = SyntheticDataset.Create(seed: 16);
        File.WriteAllLines(Path.Combine(data.Folder, "queries.dev.tsv"), ["only one field"]);

        var (exitCode, _, error) = await RunAsync("--data", data.Folder);

        Assert.Equal(ExitCodes.BadRecord, exitCode);
        Assert.Contains("nothing to evaluate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Out_WritesTheReliabilityDiagram()
    {
        var data = SyntheticDataset.Create(seed: 17);
        var outFolder = Path.Combine(data.Folder, "out");

        var (exitCode, output, error) = await RunAsync("--data", data.Folder, "--out", outFolder);

        Assert.True(exitCode == ExitCodes.Success, error);
        var path = Path.Combine(outFolder, ReliabilityDiagram.FileName);
        Assert.Contains($"written to {Path.GetFullPath(path)}", output, StringComparison.Ordinal);
        ReliabilityDiagramTests.AssertPng(path, ReliabilityDiagram.Width, ReliabilityDiagram.Height);
    }

    [Fact]
    public async Task RunAsync_DiagramUnwritable_OneErrorLineSummaryKeptAndFailureCode()
    {
        var data = SyntheticDataset.Create(seed: 18);
        var outFolder = Path.Combine(data.Folder, "out");
        Directory.CreateDirectory(Path.Combine(outFolder, ReliabilityDiagram.FileName)); // a folder where the file should go

        var (exitCode, _, error) = await RunAsync("--data", data.Folder, "--out", outFolder);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Single(error.Split('\n'), l => l.StartsWith($"error: {ReliabilityDiagram.FileName} not written to ", StringComparison.Ordinal));
        AssertNoStackTrace(error);
        Assert.True(File.Exists(Path.Combine(outFolder, "summary.json")), "the summary is written before the diagram");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await EvaluationRun.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static void AssertNoStackTrace(string error)
    {
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }
}
