using Spectre.Console;

namespace Quanzhou.Matching.Cli;

/// <summary>Runs a verb and turns the failures a user can act on into one message and an exit code (no stack traces).</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CommandException ex)
        {
            return Fail(ex.ExitCode, ex.Message);
        }
        catch (IndexLockedException ex)
        {
            return Fail(ExitCodes.IndexUnavailable, $"{ex.Message} Another process is writing to this index; wait for it or use another folder.");
        }
        catch (IndexCorruptedException ex)
        {
            return Fail(ExitCodes.IndexUnavailable, $"{ex.Message} Rebuild it: quanzhou-match index FILES --index DIR --rebuild");
        }
        catch (InvalidModelException ex)
        {
            return Fail(ExitCodes.InvalidInput, ex.Message);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or FormatException)
        {
            return Fail(ExitCodes.InvalidInput, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(ExitCodes.Cancelled, "cancelled; nothing was committed by the interrupted operation.");
        }
        catch (Exception ex) when (ex is MatchingException or IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.Failure, ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message);
        }
    }

    public static int Fail(int exitCode, string message)
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return exitCode;
    }
}
