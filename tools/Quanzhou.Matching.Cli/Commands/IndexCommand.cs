using System.CommandLine;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary>
/// <c>index FILES --index DIR [--rebuild] [--skip-invalid]</c>: JSON lines or CSV in, an index folder out. Every file is read and
/// validated before anything is written, and the write is one atomic commit (UpsertManyAsync / RebuildAsync), so a bad
/// file or an interrupted run leaves the index as it was.
/// </summary>
/// <remarks>
/// No record is lost quietly: each one is either indexed or reported as <c>file:line: reason</c>. Input must be UTF-8,
/// JSON values must have the documented types, CSV must be well quoted with known columns, and an id may appear once in
/// the whole input (a later copy is reported, naming the line of the first). Without <c>--skip-invalid</c> one bad record
/// means nothing is written (exit 3); with it the good records are committed, the bad ones reported and skipped (still
/// exit 3). Documents the index itself refuses are reported with their line too (exit 3).
/// </remarks>
internal static class IndexCommand
{
    private const int MaxErrorsShown = 20;

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "UTF-8 JSON lines (.jsonl) or CSV (.csv: a header row with the same field names, lists separated by ';') files of needs, achievements and experts (see samples/Quickstart/Data/TOPICS.md).",
            Arity = ArgumentArity.OneOrMore,
        };
        var index = CommonOptions.IndexFolder("The index folder; created when missing.");
        var rebuild = new Option<bool>("--rebuild") { Description = "Replace the whole index with these files (one atomic commit) instead of upserting by id." };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Index the valid records even when some are invalid; the invalid ones are reported with file:line and skipped, and the exit code is still 3. Of repeated ids the first copy is kept.",
        };
        var command = new Command("index", Help) { files, index, rebuild, skipInvalid };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
            RunAsync(parse.GetRequiredValue(files), parse.GetRequiredValue(index), parse.GetValue(rebuild), parse.GetValue(skipInvalid), cancellationToken)));
        return command;
    }

    private static string Help =>
        "Index needs, achievements and experts from JSON lines or CSV files (索引需求、成果和专家).\n" +
        "Input rules: files are strict UTF-8 (a BOM is allowed); JSON values must have their documented types (\"id\": 5 is an error, not \"5\"); " +
        "CSV fields follow RFC 4180 quoting (a quote left open, a stray quote or a wrong field count is an error on the line where the bad field starts) " +
        $"and the header may only name these columns: {string.Join(", ", CsvDocuments.Columns)}. " +
        "An id may appear only once across all the files: a later copy is an error naming both file:line places. " +
        "Any invalid record: nothing is written, exit 3. With --skip-invalid: valid records committed, invalid ones reported and skipped, exit 3.";

    private static async Task<int> RunAsync(FileInfo[] files, DirectoryInfo folder, bool rebuild, bool skipInvalid, CancellationToken cancellationToken)
    {
        // 1. Read and validate every record of every file first: nothing is written when one of them is bad.
        var documents = new List<MatchDocument>();
        var sources = new List<string>();
        var firstSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                throw new CommandException(ExitCodes.InvalidInput, $"file not found: {file.FullName}");
            }

            foreach (var record in ReadRecords(file))
            {
                var where = $"{file.Name}:{record.LineNumber}";
                if (record.Document is not { } document)
                {
                    errors.Add($"{where}: {StripLinePrefix(record.Error)}");
                }
                else if (firstSeen.TryGetValue(document.Id, out var first))
                {
                    // One rule for repeated ids: the first copy counts, every later one is bad input reported on its own line.
                    errors.Add($"{where}: duplicate id '{document.Id}', first at {first}; this copy is not indexed (重复标识)");
                }
                else
                {
                    firstSeen[document.Id] = where;
                    documents.Add(document);
                    sources.Add(where);
                }
            }
        }

        foreach (var error in errors.Take(MaxErrorsShown))
        {
            AnsiConsole.MarkupLine($"[yellow]invalid[/] {Markup.Escape(error)}");
        }

        if (errors.Count > MaxErrorsShown)
        {
            AnsiConsole.MarkupLine($"[yellow]… and {errors.Count - MaxErrorsShown} more invalid records[/]");
        }

        if (errors.Count > 0 && !skipInvalid)
        {
            throw new CommandException(ExitCodes.InvalidInput, $"{errors.Count} invalid record(s); nothing was written. Fix them, or pass --skip-invalid to index the {documents.Count} valid ones.");
        }

        if (documents.Count == 0)
        {
            throw new CommandException(ExitCodes.InvalidInput, "no documents to index; nothing was written.");
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

        // Outcomes come in input order, one per document, so each rejection is reported at its own source line.
        var rejectedCount = 0;
        for (var i = 0; i < result.Outcomes.Count; i++)
        {
            var outcome = result.Outcomes[i];
            if (!outcome.Accepted)
            {
                rejectedCount++;
                var where = i < sources.Count && documents[i].Id == outcome.Id ? sources[i] : firstSeen.GetValueOrDefault(outcome.Id, "?");
                AnsiConsole.MarkupLine($"[yellow]rejected[/] {Markup.Escape(where)}: {Markup.Escape(outcome.Id)}: {Markup.Escape(outcome.Reason ?? "no reason given")}");
            }
        }

        var stats = await target.GetStatisticsForAllTenantsAsync(cancellationToken);
        AnsiConsole.MarkupLine($"[green]{result.Accepted}[/] documents committed to {Markup.Escape(target.Name)} " +
            $"({stats.DocumentCounts.GetValueOrDefault(DocumentKind.Need)} needs, {stats.DocumentCounts.GetValueOrDefault(DocumentKind.Achievement)} achievements, " +
            $"{stats.DocumentCounts.GetValueOrDefault(DocumentKind.Expert)} experts in the index).");
        if (rejectedCount > 0)
        {
            return CommandRunner.Fail(ExitCodes.InvalidInput, $"{rejectedCount} document(s) rejected by the index (see above); the other {result.Accepted} were committed.");
        }

        if (errors.Count > 0)
        {
            return CommandRunner.Fail(ExitCodes.InvalidInput, $"{errors.Count} invalid record(s) skipped (see above); {result.Accepted} committed.");
        }

        return ExitCodes.Success;
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
