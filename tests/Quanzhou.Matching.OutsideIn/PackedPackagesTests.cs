using System.Security.Cryptography;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>The suite runs against the packages just packed, not a stale copy of the same version.</summary>
public sealed class PackedPackagesTests
{
    [Theory]
    [InlineData("Quanzhou.Matching")]
    [InlineData("Quanzhou.Matching.Abstractions")]
    public void RestoredPackage_IsTheOneInArtifactsPackages(string id)
    {
        var packed = PackedPackages.NupkgPath(id);
        Assert.True(File.Exists(packed), $"{packed} is missing: run dotnet pack first");
        var lower = id.ToLowerInvariant();
        var hashFile = Path.Combine(PackedPackages.RestoredFolder, lower, PackedPackages.Version, $"{lower}.{PackedPackages.Version}.nupkg.sha512");
        Assert.True(File.Exists(hashFile), $"{id} was not restored into {PackedPackages.RestoredFolder} (taken from another folder?)");
        var expected = Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(packed)));
        Assert.True(expected == File.ReadAllText(hashFile).Trim(), $"the restored {id} is not the packed one: delete tests/Quanzhou.Matching.OutsideIn/obj and run again");
    }

    [Fact]
    public void LoadedLibrary_ComesFromThePackage()
    {
        var assembly = typeof(LuceneMatchIndex).Assembly;
        Assert.Equal("Quanzhou.Matching", assembly.GetName().Name);
        Assert.StartsWith(PackedPackages.Version, System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)!.InformationalVersion, StringComparison.Ordinal);
    }
}
