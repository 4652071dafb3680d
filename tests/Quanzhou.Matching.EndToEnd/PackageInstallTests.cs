namespace Quanzhou.Matching.EndToEnd;

/// <summary>
/// Packs Quanzhou.Matching and Quanzhou.Matching.Abstractions into a folder feed, installs them into a fresh console
/// project outside the repository and runs a match — the package works on its own, shipped model and lexicon included.
/// Slow (packing, restoring and building a new project): runs only with QZM_PACKAGING_TEST=1.
/// </summary>
public sealed class PackageInstallTests
{
    private const string Version = "0.1.0-preview.1";

    private const string ConsoleProgram = """
        using Quanzhou.Matching;
        using Quanzhou.Matching.Indexing;

        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync(
        [
            new TechAchievement("ach-1", "低成本TPU防水透气膜连续化制备技术") { Description = "亲水TPU无孔膜与针织布复合，透湿量≥8000 g/(m²·24h)，适用于跑鞋鞋面。", IndustryTags = ["shoes"] },
            new TechAchievement("ach-2", "钠离子电池层状氧化物正极材料") { Description = "比容量135 mAh/g，循环2000次容量保持率88%。" },
            new TechAchievement("ach-3", "陶瓷砖低温快烧配方") { Description = "烧成温度降低80℃，烧成周期缩短20%。" },
        ]);
        var matcher = new MatchEngine(index);
        var results = await matcher.MatchAsync(MatchRequest.ForText("跑鞋雨天渗水闷脚，需要透湿量不低于8000的防水透气膜"));
        var top = results.Items[0];
        Console.WriteLine($"top: {top.Id} ranker: {results.Ranker} reasons: {top.Explanation!.Reasons.Count}");
        """;

    [SkippableFact]
    [Trait("Category", "Packaging")]
    public async Task PackedPackages_InFreshConsoleProject_IndexAndMatch()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("QZM_PACKAGING_TEST") == "1", "slow: set QZM_PACKAGING_TEST=1 to pack, install and run the packages in a fresh project.");
        var work = Directory.CreateTempSubdirectory("qzm-packaging-");
        try
        {
            // 1. Pack both packages into a folder feed.
            var feed = Path.Combine(work.FullName, "feed");
            foreach (var project in new[] { "src/Matching.Abstractions", "src/Matching" })
            {
                var pack = await ChildProcess.RunAsync("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, project), "-c", "Release", "-o", feed], timeout: TimeSpan.FromMinutes(8));
                Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.Output}\n{pack.Error}");
            }

            Assert.True(File.Exists(Path.Combine(feed, $"Quanzhou.Matching.{Version}.nupkg")), "Quanzhou.Matching package missing");
            Assert.True(File.Exists(Path.Combine(feed, $"Quanzhou.Matching.Abstractions.{Version}.nupkg")), "Quanzhou.Matching.Abstractions package missing");

            // 2. A fresh console project outside the repository: the folder feed plus nuget.org. Packages restore into a
            //    folder of its own (so a stale copy in the global cache is never used), falling back to the global
            //    cache for third-party packages already downloaded.
            var app = Path.Combine(work.FullName, "app");
            Directory.CreateDirectory(app);
            var globalPackages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                  <fallbackPackageFolders>
                    <add key="global" value="{globalPackages}" />
                  </fallbackPackageFolders>
                </configuration>
                """);
            await File.WriteAllTextAsync(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <RestorePackagesPath>{Path.Combine(work.FullName, "packages")}</RestorePackagesPath>
                    <NoWarn>NU1603</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Quanzhou.Matching" Version="{Version}" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ConsoleProgram);

            // 3. Restore, build and run it.
            var run = await ChildProcess.RunAsync("dotnet", ["run", "--project", app], workingDirectory: app, timeout: TimeSpan.FromMinutes(8));
            Assert.True(run.ExitCode == 0, $"dotnet run failed:\n{run.Output}\n{run.Error}");
            Assert.Contains("top: ach-1 ranker: learned", run.Output, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(work.FullName, "packages", "quanzhou.matching", Version)),
                "Quanzhou.Matching was not restored from the folder feed (a copy in a fallback folder was used?)");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
