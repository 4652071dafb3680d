using System.Text.Json;

namespace Quanzhou.Matching.EndToEnd;

/// <summary>The quanzhou-match tool as a user runs it: exit codes, messages with line numbers, nothing half-written.</summary>
public sealed class QuanzhouMatchCliTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("qzm-cli-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task IndexThenMatch_DemoCorpus_TopAchievementAsJson()
    {
        var index = Path.Combine(_work.FullName, "index");
        var files = Directory.GetFiles(RepositoryPaths.DemoData, "*.jsonl").Order();

        var indexed = await RunAsync(["index", .. files, "--index", index]);
        Assert.True(indexed.ExitCode == 0, indexed.Output + indexed.Error);
        Assert.Contains("400", indexed.Output, StringComparison.Ordinal);

        var matched = await RunAsync(["match", "--index", index, "--text", DemoNeeds.WaterproofMembrane, "--kind", "achievement", "--top", "3", "--json"]);
        Assert.True(matched.ExitCode == 0, matched.Output + matched.Error);
        using var json = JsonDocument.Parse(matched.Output);
        var items = json.RootElement.GetProperty("items");
        Assert.Equal(3, items.GetArrayLength());
        Assert.Equal(DemoNeeds.WaterproofMembraneTopAchievement, items[0].GetProperty("id").GetString());

        var stats = await RunAsync(["stats", "--index", index, "--json"]);
        using var statsJson = JsonDocument.Parse(stats.Output);
        Assert.Equal(300, statsJson.RootElement.GetProperty("achievements").GetInt32());
    }

    [Fact]
    public async Task IndexCsvThenTag_ReportsBadRowAndTagsText()
    {
        var file = Path.Combine(_work.FullName, "docs.csv");
        await File.WriteAllTextAsync(file,
            "kind,id,title,description,keywords,industries,maturity,priceMin\n" +
            "achievement,c-1,石墨烯导热膜,\"导热系数1500 W/(m·K)，用于5G基站散热\",石墨烯;导热膜,new-materials,中试,200000\n" +
            "robot,c-2,x,y,,,,\n");
        var index = Path.Combine(_work.FullName, "csv-index");
        var strict = await RunAsync(["index", file, "--index", index]);
        Assert.Equal(3, strict.ExitCode);
        Assert.Contains("docs.csv:3:", strict.Output + strict.Error, StringComparison.Ordinal);

        var lenient = await RunAsync(["index", file, "--index", index, "--skip-invalid"]);
        Assert.Contains("1 documents committed", lenient.Output, StringComparison.Ordinal);
        var stats = await RunAsync(["stats", "--index", index, "--json"]);
        using var statsJson = JsonDocument.Parse(stats.Output);
        Assert.Equal(1, statsJson.RootElement.GetProperty("achievements").GetInt32());

        var tagged = await RunAsync(["tag", "--text", "寻求跑鞋EVA中底超临界发泡工艺", "--json"]);
        Assert.True(tagged.ExitCode == 0, tagged.Output + tagged.Error);
        using var tagJson = JsonDocument.Parse(tagged.Output);
        Assert.Equal("shoes", tagJson.RootElement.GetProperty("tags")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Index_FileWithBadLines_ReportsLineNumbersExits3AndWritesNothing()
    {
        var file = Path.Combine(_work.FullName, "bad.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"kind":"need","id":"n-1","title":"防水透气膜需求"}""",
            """{"kind":"need","id":"n-2" """,
            "",
            """{"kind":"alien","id":"x-1","title":"t"}""",
        ]);
        var index = Path.Combine(_work.FullName, "index");

        var result = await RunAsync(["index", file, "--index", index]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("bad.jsonl:2:", result.Output, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:4:", result.Output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(index));
    }

    [Fact]
    public async Task Match_MissingIndexOrUnknownIdOrBadArguments_ClearErrorsAndExitCodes()
    {
        var missing = await RunAsync(["match", "--index", Path.Combine(_work.FullName, "nothing-here"), "--text", "防水透气膜"]);
        var both = await RunAsync(["match", "--index", _work.FullName, "--text", "a", "--id", "b"]);
        var top = await RunAsync(["match", "--index", _work.FullName, "--text", "a", "--top", "0"]);

        Assert.Equal(4, missing.ExitCode);
        Assert.Contains("no index at", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one of --text or --id", both.Error, StringComparison.Ordinal);
        Assert.Equal(2, top.ExitCode);
        Assert.Contains("--top must be between 1 and 1000", top.Error, StringComparison.Ordinal);
    }

    private static Task<ChildProcess.Result> RunAsync(string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [RepositoryPaths.CliDll, .. arguments], environment: new Dictionary<string, string> { ["COLUMNS"] = "200" });
}
