// quanzhou-match: the command-line face of Quanzhou.Matching (index, match, train, eval, stats).
// Exit codes: 0 ok, 1 operational failure, 2 bad arguments, 3 bad input file, 4 index unavailable, 130 cancelled.
using System.CommandLine;
using System.Globalization;
using System.Text;
using Quanzhou.Matching.Cli;
using Quanzhou.Matching.Cli.Commands;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160; // tables piped to a file or a CI log: wider than the 80-column default
}

var root = new RootCommand("Match technology needs (技术需求) with research achievements (科技成果) and experts (专家).")
{
    IndexCommand.Create(),
    MatchCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    StatsCommand.Create(),
    TagCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        CommandRunner.Fail(ExitCodes.Usage, error.Message);
    }

    await Console.Error.WriteLineAsync("Use --help for usage.");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync();
