using System.Diagnostics;
using System.Text;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>Runs <c>dotnet</c> child processes: to completion with a timeout, or started and left running.</summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + "\n" + Error;
    }

    /// <summary>This test assembly, run as a console program (see <see cref="Program"/>).</summary>
    public static string SelfDll => typeof(ChildProcess).Assembly.Location;

    public static ProcessStartInfo Dotnet(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = Dotnet(arguments);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', start.ArgumentList)} did not finish in {timeout}; output so far: {await output}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Reads stdout lines until one satisfies <paramref name="until"/>; fails on exit or timeout.</summary>
    public static async Task<string> ReadLineAsync(Process process, Func<string, bool> until, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the child printed no expected line in {timeout}; output so far:\n{seen}");
            }

            if (line is null)
            {
                throw new InvalidOperationException($"the child exited ({(process.HasExited ? process.ExitCode : -1)}) before the expected line; output:\n{seen}\n{await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
            }

            seen.AppendLine(line);
            if (until(line))
            {
                return line;
            }
        }
    }

    /// <summary>
    /// Starts this assembly as a writer child (<paramref name="mode"/> on <paramref name="folder"/>), collects the ids it
    /// acknowledges (<c>acked ID…</c> lines) until there are at least <paramref name="acks"/>, waits up to
    /// <paramref name="maxDelayMs"/> so the kill lands inside the next writes, and SIGKILLs it (no dispose, no cleanup).
    /// </summary>
    /// <param name="whileOpen">Run once the child has opened the index, before collecting acknowledgements.</param>
    public static async Task<List<string>> KillWriterAfterAcksAsync(string mode, string folder, int acks, Random random, int maxDelayMs, TimeSpan timeout, Action? whileOpen = null)
    {
        var acked = new List<string>();
        using var child = Process.Start(Dotnet([SelfDll, mode, folder]))!;
        try
        {
            await ReadLineAsync(child, l => l == "opened", timeout);
            whileOpen?.Invoke();
            while (acked.Count < acks)
            {
                var line = await ReadLineAsync(child, l => l.StartsWith("acked ", StringComparison.Ordinal), timeout);
                acked.AddRange(line["acked ".Length..].Split(' '));
            }

            await Task.Delay(random.Next(maxDelayMs));
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        return acked;
    }
}
