namespace Quanzhou.Matching.EndToEnd;

/// <summary>Where the repository and the built sample, tool and artefacts are, seen from this test's output folder.</summary>
internal static class RepositoryPaths
{
    // tests/Quanzhou.Matching.EndToEnd/bin/<config>/<tfm>/
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static string Root { get; } = FindRoot();

    public static string Configuration => Output.Parent!.Name;

    public static string TargetFramework => Output.Name;

    public static string WebPortalDll => Built("samples/WebPortal", "WebPortal.dll");

    public static string CliDll => Built("tools/Quanzhou.Matching.Cli", "quanzhou-match.dll");

    public static string DemoData => Path.Combine(Root, "samples", "Quickstart", "Data");

    public static string Artifacts
    {
        get
        {
            var folder = Path.Combine(Root, "artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    private static string Built(string project, string dll) => Path.Combine(Root, project, "bin", Configuration, TargetFramework, dll);

    private static string FindRoot()
    {
        for (var dir = Output; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quanzhou.Matching.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Quanzhou.Matching.sln not found above {Output.FullName}");
    }
}
