using System.CommandLine;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Quanzhou.Matching.Ranking;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary><c>match --index DIR (--text T | --id ID) [--top N] [--kind K]… [--json]</c>: ranked, explained matches.</summary>
internal static class MatchCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Chinese readable; output is not embedded in HTML
    };

    public static Command Create()
    {
        var index = CommonOptions.IndexFolder("The index folder (built with the index verb).");
        var text = new Option<string>("--text", "-t") { Description = "Free text to match, e.g. a need typed by a technology manager." };
        var id = new Option<string>("--id") { Description = "The id of an indexed need, achievement or expert to match from." };
        var top = new Option<int>("--top", "-n") { Description = "How many results (1–1000).", DefaultValueFactory = _ => 10 };
        top.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int>();
            if (value is < 1 or > MatchOptions.MaxTop)
            {
                r.AddError($"--top must be between 1 and {MatchOptions.MaxTop}, not {value}.");
            }
        });
        var kinds = new Option<DocumentKind[]>("--kind", "-k") { Description = "Result kinds: need, achievement, expert (repeatable). Default: the counterparts of the source.", AllowMultipleArgumentsPerToken = true };
        var tenant = new Option<string>("--tenant") { Description = "The tenant whose non-public documents are visible too.", DefaultValueFactory = _ => MatchDocument.DefaultTenant };
        var industries = new Option<string[]>("--industry") { Description = "Only results with one of these industry tags (repeatable).", AllowMultipleArgumentsPerToken = true };
        var ranker = new Option<string>("--ranker") { Description = "learned (the shipped LambdaRank model, default) or bm25.", DefaultValueFactory = _ => "learned" };
        ranker.AcceptOnlyFromAmong("learned", "bm25");
        var model = new Option<DirectoryInfo>("--model") { Description = "A model folder written by the train verb (model.zip + manifest.json) instead of the shipped model." };
        var json = CommonOptions.Json();
        var explainFeatures = new Option<bool>("--explain-features") { Description = "Also print the raw score and the ranking model's feature contributions per result (for researchers)." };
        var command = new Command("match", "Match free text or an indexed document; prints a ranked table or JSON.")
        {
            index, text, id, top, kinds, tenant, industries, ranker, model, json, explainFeatures,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(text) is null == r.GetValue(id) is null)
            {
                r.AddError("give exactly one of --text or --id.");
            }
        });
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var target = CommonOptions.OpenExisting(parse.GetRequiredValue(index));
            var matcher = new MatchEngine(target, LoadRanker(parse.GetValue(ranker), parse.GetValue(model)));
            var tenantName = parse.GetValue(tenant) ?? MatchDocument.DefaultTenant;
            var request = parse.GetValue(text) is { } query ? MatchRequest.ForText(query, tenantName) : MatchRequest.ForId(parse.GetRequiredValue(id), tenantName);
            var options = new MatchOptions { Top = parse.GetValue(top) };
            if (parse.GetValue(kinds) is { Length: > 0 } k)
            {
                options.Kinds = k;
            }

            if (parse.GetValue(industries) is { Length: > 0 } tags)
            {
                options.IndustryTags = tags;
            }

            MatchResults results;
            try
            {
                results = await matcher.MatchAsync(request, options, cancellationToken);
            }
            catch (DocumentNotFoundException)
            {
                throw new CommandException(ExitCodes.InvalidInput, $"no document with id '{parse.GetValue(id)}' is visible to tenant '{tenantName}' in {target.Name}.");
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(ToJson(results), JsonOptions));
            }
            else
            {
                Print(results, parse.GetValue(explainFeatures));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static IMatchRanker LoadRanker(string? name, DirectoryInfo? modelFolder)
    {
        if (name == "bm25")
        {
            return Bm25MatchRanker.Instance;
        }

        if (modelFolder is null)
        {
            return LearnedMatchRanker.Default;
        }

        var modelPath = Path.Combine(modelFolder.FullName, TrainedRankingModel.ModelFileName);
        var manifestPath = Path.Combine(modelFolder.FullName, TrainedRankingModel.ManifestFileName);
        if (!File.Exists(modelPath) || !File.Exists(manifestPath))
        {
            throw new CommandException(ExitCodes.InvalidInput, $"no model in '{modelFolder.FullName}': {TrainedRankingModel.ModelFileName} and {TrainedRankingModel.ManifestFileName} are expected (written by the train verb).");
        }

        return LearnedMatchRanker.Load(modelPath, manifestPath);
    }

    private static void Print(MatchResults results, bool explainFeatures)
    {
        if (results.Items.Count == 0)
        {
            AnsiConsole.MarkupLine("[yellow]no matches[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("#");
        table.AddColumn("kind");
        table.AddColumn("match");
        table.AddColumn(new TableColumn("strength (匹配度)").RightAligned());
        table.AddColumn("why (为什么匹配)");
        foreach (var r in results.Items)
        {
            var title = $"[bold]{Markup.Escape(r.Title)}[/]\n[grey]{Markup.Escape(r.Id)} · {Markup.Escape(r.Document.Organization ?? string.Empty)}[/]";
            var why = r.Explanation is { } e
                ? Highlight(e.Snippet) + string.Concat(e.Reasons.Take(3).Select(reason => "\n· " + Markup.Escape(reason)))
                : string.Empty;
            if (explainFeatures && r.Explanation is { } details)
            {
                why += $"\n[grey]score {r.Score:0.000}" + string.Concat(details.Contributions.Select(c => $"\n  {Markup.Escape(c.Name)} = {c.Value:0.###} ({c.Contribution:+0.###;-0.###})")) + "[/]";
            }

            var strength = r.Strength is { } s ? $"{BandName(r.Band!.Value)} {s:P0}" : "—";
            table.AddRow(new Markup(r.Rank.ToString()), new Markup(KindName(r.Kind)), new Markup(title), new Markup(Markup.Escape(strength)), new Markup(why));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]{results.Items.Count} of {results.TotalCandidates} candidates, ranker {Markup.Escape(results.Ranker)}, {results.Elapsed.TotalMilliseconds:0} ms[/]");
    }

    /// <summary>The snippet is HTML with matched terms in &lt;em&gt;; the terminal shows them in yellow.</summary>
    private static string Highlight(string snippetHtml)
    {
        var parts = snippetHtml.Split("<em>");
        var markup = Markup.Escape(WebUtility.HtmlDecode(parts[0]));
        foreach (var part in parts.Skip(1))
        {
            var end = part.IndexOf("</em>", StringComparison.Ordinal);
            markup += end < 0
                ? Markup.Escape(WebUtility.HtmlDecode(part))
                : $"[yellow]{Markup.Escape(WebUtility.HtmlDecode(part[..end]))}[/]{Markup.Escape(WebUtility.HtmlDecode(part[(end + 5)..]))}";
        }

        return markup;
    }

    private static string BandName(MatchBand band) => band switch
    {
        MatchBand.Strong => "强 strong",
        MatchBand.Medium => "中 medium",
        _ => "弱 weak",
    };

    private static string KindName(DocumentKind kind) => kind switch
    {
        DocumentKind.Achievement => "成果 achievement",
        DocumentKind.Expert => "专家 expert",
        _ => "需求 need",
    };

    private static object ToJson(MatchResults results) => new
    {
        ranker = results.Ranker,
        totalCandidates = results.TotalCandidates,
        elapsedMs = Math.Round(results.Elapsed.TotalMilliseconds, 1),
        items = results.Items.Select(r => new
        {
            rank = r.Rank,
            id = r.Id,
            kind = r.Kind.ToString().ToLowerInvariant(),
            title = r.Title,
            score = r.Score,
            strength = r.Strength,
            band = r.Band?.ToString().ToLowerInvariant(),
            organization = r.Document.Organization,
            industryTags = r.Document.IndustryTags,
            region = r.Document.Region,
            maturity = r.Document.Maturity?.Stage,
            snippet = r.Explanation?.Snippet,
            matchedTerms = r.Explanation?.MatchedTerms,
            reasons = r.Explanation?.Reasons,
        }),
    };
}
