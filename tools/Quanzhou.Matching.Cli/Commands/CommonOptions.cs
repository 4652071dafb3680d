using System.CommandLine;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary>Options shared by several verbs, and opening an existing index without creating an empty one.</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo> IndexFolder(string description) => new("--index", "-i")
    {
        Description = description,
        Required = true,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write machine-readable JSON to standard output instead of a table.",
    };

    /// <summary>Opens an index folder that must already hold an index (match and stats never create one).</summary>
    public static LuceneMatchIndex OpenExisting(DirectoryInfo folder)
    {
        var publicPartition = Path.Combine(folder.FullName, "public");
        if (!folder.Exists || !Directory.Exists(publicPartition))
        {
            throw new CommandException(ExitCodes.IndexUnavailable, $"no index at '{folder.FullName}'. Create one with: quanzhou-match index FILE.jsonl --index {folder.FullName}");
        }

        return LuceneMatchIndex.Open(folder.FullName);
    }
}
