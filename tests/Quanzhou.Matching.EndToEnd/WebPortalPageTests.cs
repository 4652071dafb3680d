using System.Text.RegularExpressions;

namespace Quanzhou.Matching.EndToEnd;

/// <summary>
/// Drives wwwroot/index.html in headless Chromium (Debian's <c>chromium</c>): the need goes in through <c>?q=</c>, the
/// page calls POST /match and renders; <c>--dump-dom</c> gives the rendered page, <c>--screenshot</c> the artefact.
/// Skipped when /usr/bin/chromium is absent (.ci/run installs it).
/// </summary>
[Collection(WebPortalCollection.Name)]
public sealed partial class WebPortalPageTests(WebPortalFixture portal)
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task TypedNeed_WaterproofMembrane_ShowsExpectedAchievementFirstWithHighlightsAndFacets()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install -y chromium); the page test needs a headless browser.");
        var url = new Uri(portal.BaseAddress, "?q=" + Uri.EscapeDataString(DemoNeeds.WaterproofMembrane));

        var dom = await RunChromiumAsync("--dump-dom", url);

        Assert.Contains("data-state=\"ready\"", dom, StringComparison.Ordinal);
        var achievements = AchievementList().Match(dom);
        Assert.True(achievements.Success, "no achievements list in the rendered page:\n" + dom);
        var ids = ResultId().Matches(achievements.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(DemoNeeds.WaterproofMembraneTopAchievement, ids[0]);
        Assert.Contains("<em>", achievements.Value, StringComparison.Ordinal); // highlighted matched terms
        Assert.Contains("data-tag=\"shoes\"", dom, StringComparison.Ordinal); // industry facet
        Assert.Matches(ExpertItem(), dom);

        // The default view is for the technology manager: strength band and percentage, domain reasons; the raw score
        // and the ranking model's features only inside the collapsed details.
        var defaultView = Tags().Replace(Details().Replace(achievements.Value, string.Empty), " ");
        Assert.Matches(StrengthLabel(), defaultView);
        Assert.DoesNotContain("score ", defaultView, StringComparison.Ordinal);
        Assert.DoesNotMatch(NegativeNumber(), defaultView);
        Assert.DoesNotContain("排序模型", defaultView, StringComparison.Ordinal);
        Assert.DoesNotContain("bm25", defaultView, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<details", achievements.Value, StringComparison.Ordinal);

        var screenshot = Path.Combine(RepositoryPaths.Artifacts, "webportal.png");
        File.Delete(screenshot);
        await RunChromiumAsync("--screenshot=" + screenshot, url, "--window-size=1280,1400");
        Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, $"no screenshot at {screenshot}");
    }

    private static async Task<string> RunChromiumAsync(string mode, Uri url, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("qzm-chromium-");
        try
        {
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.FullName, "--virtual-time-budget=15000",
                .. extra, mode, url.ToString(),
            ];
            var result = await ChildProcess.RunAsync(Chromium, arguments, timeout: TimeSpan.FromSeconds(90));
            Assert.True(result.ExitCode == 0, $"chromium exited with {result.ExitCode}: {result.Error}");
            return result.Output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [GeneratedRegex("<ol id=\"achievements\">.*?</ol>", RegexOptions.Singleline)]
    private static partial Regex AchievementList();

    [GeneratedRegex("<li class=\"result\" data-id=\"([^\"]+)\"")]
    private static partial Regex ResultId();

    [GeneratedRegex("<details.*?</details>", RegexOptions.Singleline)]
    private static partial Regex Details();

    [GeneratedRegex("(强 strong|中 medium|弱 weak) \\d{1,3}%")]
    private static partial Regex StrengthLabel();

    [GeneratedRegex("(?<![\\w-])-\\d+(\\.\\d+)?")]
    private static partial Regex NegativeNumber();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<ol id=\"experts\"><li class=\"result\" data-id=\"exp-")]
    private static partial Regex ExpertItem();
}
