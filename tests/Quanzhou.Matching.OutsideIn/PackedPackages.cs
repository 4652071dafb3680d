using System.IO.Compression;
using System.Reflection;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>Where the packed packages are (artifacts/packages) and their version, as the project file recorded them.</summary>
internal static class PackedPackages
{
    public static string Folder { get; } = Metadata("PackedPackagesFolder");

    public static string Version { get; } = Metadata("PackageVersion");

    public static string RestoredFolder { get; } = Metadata("RestorePackagesPath");

    public static string NupkgPath(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    private static readonly Lazy<string> CliFolder = new(ExtractCli, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The CLI tool's entry assembly, from the packed tool package extracted once into a temp folder.</summary>
    public static string CliDll => Path.Combine(CliFolder.Value, "tools", "net10.0", "any", "quanzhou-match.dll");

    private static string ExtractCli()
    {
        var package = NupkgPath("Quanzhou.Matching.Cli");
        if (!File.Exists(package))
        {
            throw new FileNotFoundException($"The packed CLI tool is missing: {package}. Run dotnet pack tools/Quanzhou.Matching.Cli -c Release -o artifacts/packages first.");
        }

        var folder = Directory.CreateTempSubdirectory("qzm-outside-cli-").FullName;
        ZipFile.ExtractToDirectory(package, folder);
        return folder;
    }

    private static string Metadata(string key) =>
        typeof(PackedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"assembly metadata {key} is missing");
}
