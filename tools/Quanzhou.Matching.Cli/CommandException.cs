namespace Quanzhou.Matching.Cli;

/// <summary>A failure the user can fix; its message is printed as is and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CommandException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
