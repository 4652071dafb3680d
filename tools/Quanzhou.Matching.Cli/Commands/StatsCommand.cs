using System.CommandLine;
using System.Text.Json;
using Quanzhou.Matching.Ranking;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary><c>stats --index DIR [--json]</c>: document counts per kind, deletions, last commit, size on disk, model.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var index = CommonOptions.IndexFolder("The index folder.");
        var json = CommonOptions.Json();
        var command = new Command("stats", "Show index statistics.") { index, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var folder = parse.GetRequiredValue(index);
            using var target = CommonOptions.OpenExisting(folder);
            var stats = await target.GetStatisticsForAllTenantsAsync(cancellationToken);
            var bytes = Directory.EnumerateFiles(folder.FullName, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var model = LearnedMatchRanker.HasDefaultModel ? LearnedMatchRanker.Default.Manifest : null;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    index = target.Name,
                    needs = stats.DocumentCounts.GetValueOrDefault(DocumentKind.Need),
                    achievements = stats.DocumentCounts.GetValueOrDefault(DocumentKind.Achievement),
                    experts = stats.DocumentCounts.GetValueOrDefault(DocumentKind.Expert),
                    total = stats.TotalDocuments,
                    deleted = stats.DeletedDocuments,
                    lastCommit = stats.LastCommit,
                    commitGeneration = stats.CommitGeneration,
                    sizeBytes = bytes,
                    shippedModel = model?.Name,
                }));
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("key").AddColumn("value");
            table.AddRow("index", Markup.Escape(target.Name));
            table.AddRow("需求 needs", stats.DocumentCounts.GetValueOrDefault(DocumentKind.Need).ToString());
            table.AddRow("成果 achievements", stats.DocumentCounts.GetValueOrDefault(DocumentKind.Achievement).ToString());
            table.AddRow("专家 experts", stats.DocumentCounts.GetValueOrDefault(DocumentKind.Expert).ToString());
            table.AddRow("total", stats.TotalDocuments.ToString());
            table.AddRow("deleted (not yet merged)", stats.DeletedDocuments.ToString());
            table.AddRow("last commit", stats.LastCommit?.ToString("u") ?? "-");
            table.AddRow("commit generation", stats.CommitGeneration.ToString());
            table.AddRow("size on disk", $"{bytes / 1024.0:0.0} KiB");
            table.AddRow("shipped model", Markup.Escape(model?.Name ?? "none"));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }
}
