using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Quanzhou.Matching.Serialization;
using Quanzhou.Matching.Taxonomy;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary><c>tag --text TEXT | FILE.jsonl [--taxonomy FILE.json] [--top N] [--json]</c>: industry tags with confidence and evidence.</summary>
internal static class TagCommand
{
    public static Command Create()
    {
        var text = new Option<string>("--text", "-t") { Description = "A need, achievement or expert text to tag." };
        var file = new Option<FileInfo>("--file", "-f") { Description = "A JSON lines file of documents to tag (one line of output each)." };
        var taxonomy = new Option<FileInfo>("--taxonomy") { Description = "A taxonomy JSON file to use instead of the shipped one." };
        var top = new Option<int>("--top") { Description = "Tags per text (1–50).", DefaultValueFactory = _ => 3 };
        var json = CommonOptions.Json();
        var command = new Command("tag", "Suggest industry taxonomy tags for a text or a file of documents.") { text, file, taxonomy, top, json };
        command.SetAction((parse, _) => CommandRunner.RunAsync(() =>
        {
            var value = parse.GetValue(text);
            var input = parse.GetValue(file);
            if ((value is null) == (input is null))
            {
                throw new CommandException(ExitCodes.Usage, "give exactly one of --text or --file");
            }

            var count = parse.GetValue(top);
            if (count is < 1 or > 50)
            {
                throw new CommandException(ExitCodes.Usage, "--top must be between 1 and 50");
            }

            var tagger = new TaxonomyTagger(parse.GetValue(taxonomy) is { } t ? IndustryTaxonomy.Load(t.FullName) : null);
            var items = value is not null
                ? [("text", value)]
                : MatchDocumentJson.ReadFile(input!.FullName).Select(r => r.Document is { } d
                    ? (d.Id, d.GetSearchText())
                    : throw new CommandException(ExitCodes.InvalidInput, $"{input.Name}:{r.LineNumber}: {r.Error}")).ToList();
            foreach (var (id, content) in items)
            {
                var tags = tagger.Tag(content, count);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(new { id, tags = tags.Select(x => new { id = x.TagId, name = x.Name, confidence = x.Confidence, evidence = x.Evidence }) }));
                }
                else
                {
                    AnsiConsole.MarkupLine($"[bold]{Markup.Escape(id)}[/]: " + (tags.Count == 0 ? "[grey](no tag)[/]" : string.Join("  ", tags.Select(x =>
                        $"{Markup.Escape(x.TagId)} {Markup.Escape(x.Name)} [grey]{x.Confidence.ToString("0.00", CultureInfo.InvariantCulture)} ({Markup.Escape(string.Join("、", x.Evidence.Take(4)))})[/]"))));
                }
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
