using System.CommandLine;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary>
/// <c>index FILES --index DIR [--rebuild] [--skip-invalid]</c>: JSON lines in, an index folder out. Every file is read and
/// validated before anything is written, and the write is one atomic commit (UpsertManyAsync / RebuildAsync), so a bad
/// file or an interrupted run leaves the index as it was.
/// </summary>
internal static class IndexCommand
{
    private const int MaxErrorsShown = 20;

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "JSON lines (.jsonl) or CSV (.csv, header row with the same field names; lists separated by ';') files of needs, achievements and experts (see samples/Quickstart/Data/TOPICS.md).",
            Arity = ArgumentArity.OneOrMore,
        };
        var index = CommonOptions.IndexFolder("The index folder; created when missing.");
        var rebuild = new Option<bool>("--rebuild") { Description = "Replace the whole index with these files (one atomic commit) instead of upserting by id." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Index the valid lines even when some lines are invalid (they are still reported)." };
        var command = new Command("index", "Index needs, achievements and experts from JSON lines or CSV files.") { files, index, rebuild, skipInvalid };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
            RunAsync(parse.GetRequiredValue(files), parse.GetRequiredValue(index), parse.GetValue(rebuild), parse.GetValue(skipInvalid), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo[] files, DirectoryInfo folder, bool rebuild, bool skipInvalid, CancellationToken cancellationToken)
    {
        // 1. Read and validate every line of every file first: nothing is written when one of them is bad.
        var documents = new List<MatchDocument>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                throw new CommandException(ExitCodes.InvalidInput, $"file not found: {file.FullName}");
            }

            foreach (var record in ReadRecords(file))
            {
                if (record.Document is { } document)
                {
                    documents.Add(document);
                    sources[document.Id] = $"{file.Name}:{record.LineNumber}";
                }
                else
                {
                    errors.Add($"{file.Name}:{record.LineNumber}: {StripLinePrefix(record.Error)}");
                }
            }
        }

        foreach (var error in errors.Take(MaxErrorsShown))
        {
            AnsiConsole.MarkupLine($"[yellow]invalid[/] {Markup.Escape(error)}");
        }

        if (errors.Count > MaxErrorsShown)
        {
            AnsiConsole.MarkupLine($"[yellow]… and {errors.Count - MaxErrorsShown} more invalid lines[/]");
        }

        if (errors.Count > 0 && !skipInvalid)
        {
            throw new CommandException(ExitCodes.InvalidInput, $"{errors.Count} invalid line(s); nothing was written. Fix them, or pass --skip-invalid to index the {documents.Count} valid ones.");
        }

        if (documents.Count == 0)
        {
            throw new CommandException(ExitCodes.InvalidInput, "no documents to index.");
        }

        // 2. One atomic write with a progress bar.
        using var target = LuceneMatchIndex.Open(folder.FullName);
        BulkIndexResult result = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(rebuild ? "rebuilding" : "indexing", maxValue: documents.Count);
                var progress = new ProgressTaskReporter(task);
                result = rebuild
                    ? await target.RebuildAsync(documents, progress, cancellationToken)
                    : await target.UpsertManyAsync(documents, progress, cancellationToken);
                task.Value = task.MaxValue;
            });

        foreach (var rejected in result.Outcomes.Where(o => !o.Accepted))
        {
            AnsiConsole.MarkupLine($"[yellow]rejected[/] {Markup.Escape(sources.GetValueOrDefault(rejected.Id, "?"))} {Markup.Escape(rejected.Id)}: {Markup.Escape(rejected.Reason ?? "no reason given")}");
        }

        var stats = await target.GetStatisticsForAllTenantsAsync(cancellationToken);
        AnsiConsole.MarkupLine($"[green]{result.Accepted}[/] documents committed to {Markup.Escape(target.Name)} " +
            $"({stats.DocumentCounts.GetValueOrDefault(DocumentKind.Need)} needs, {stats.DocumentCounts.GetValueOrDefault(DocumentKind.Achievement)} achievements, " +
            $"{stats.DocumentCounts.GetValueOrDefault(DocumentKind.Expert)} experts in the index).");
        return result.Rejected > 0 || errors.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
    }

    private static List<JsonDocumentRecord> ReadRecords(FileInfo file)
    {
        try
        {
            return file.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)
                ? CsvDocuments.Read(file.FullName)
                : MatchDocumentJson.ReadFile(file.FullName).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.InvalidInput, $"cannot read {file.FullName}: {ex.Message}");
        }
    }

    /// <summary>The reader's messages start with "line N: "; the tool prints "file:N: " instead.</summary>
    private static string StripLinePrefix(string? error)
    {
        if (error is null)
        {
            return "invalid record";
        }

        error = error.Split('\n')[0].Trim(); // System.Text.Json appends "LineNumber: … | BytePositionInLine: …"
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        return error.StartsWith("line ", StringComparison.Ordinal) && colon > 0 ? error[(colon + 2)..] : error;
    }

    /// <summary>Reports on the indexing threads straight into the bar (Progress&lt;T&gt; would post to a thread pool queue).</summary>
    private sealed class ProgressTaskReporter(ProgressTask task) : IProgress<IndexingProgress>
    {
        public void Report(IndexingProgress value) => task.Value = value.Processed;
    }
}
