using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Quanzhou.Matching.EndToEnd;

/// <summary>The WebPortal's HTTP API over a real socket (no browser needed).</summary>
[Collection(WebPortalCollection.Name)]
public sealed class WebPortalApiTests(WebPortalFixture portal)
{
    private HttpClient Client => portal.Client;

    [Fact]
    public async Task Health_AfterStartup_IsHealthyWithDemoCorpus()
    {
        var response = await Client.GetStringAsync(new Uri("health", UriKind.Relative));

        Assert.Equal("Healthy", response);
        Assert.Contains("400 documents indexed", portal.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeedMatches_DemoNeed_RankExpectedAchievementFirst()
    {
        using var json = await GetJsonAsync("needs/need-001/matches?top=5&kind=Achievement");

        var items = json.RootElement.GetProperty("items");
        Assert.Equal(DemoNeeds.WaterproofMembraneTopAchievement, items[0].GetProperty("id").GetString());
        Assert.All(items.EnumerateArray(), i => Assert.Equal("achievement", i.GetProperty("kind").GetString()));
        Assert.Contains("<em>", items[0].GetProperty("explanation").GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostNeed_ThenMatches_FindsTheTopicsAchievements()
    {
        var created = await Client.PostAsJsonAsync(new Uri("needs", UriKind.Relative), new
        {
            id = "need-e2e-ceramics",
            title = "陶瓷砖低温快烧技术需求",
            description = "我司陶瓷砖窑炉能耗高，希望降低烧成温度、缩短烧成周期，寻求低温快烧配方与工艺。",
            industryTags = new[] { "building-materials" },
            maturity = "中试",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/needs/need-e2e-ceramics/matches", created.Headers.Location?.ToString());

        using var json = await GetJsonAsync("needs/need-e2e-ceramics/matches?top=3&kind=Achievement");
        var top = json.RootElement.GetProperty("items")[0].GetProperty("document");
        Assert.Contains("building-materials", top.GetProperty("industryTags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    [Trait("Category", "Reliability")]
    public async Task Ownership_AnotherTenantCannotOverwriteOrDelete_OwnerCan()
    {
        var mine = new { id = "ach-e2e-owned", title = "租户A的保密成果", description = "石墨烯导热膜保密工艺", tenant = "tenant-a", visibility = "Confidential" };
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsJsonAsync(new Uri("achievements", UriKind.Relative), mine)).StatusCode);

        // Another tenant, publicly or privately, reusing the id: 409, and tenant-a's document is untouched.
        foreach (var visibility in new[] { "Public", "Confidential" })
        {
            var theirs = new { id = "ach-e2e-owned", title = "他人覆盖", description = "覆盖尝试", tenant = "tenant-b", visibility };
            Assert.Equal(HttpStatusCode.Conflict, (await Client.PostAsJsonAsync(new Uri("achievements", UriKind.Relative), theirs)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await Client.DeleteAsync(new Uri("documents/ach-e2e-owned?tenant=tenant-b", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri("achievements/ach-e2e-owned/matches?tenant=tenant-a", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(new Uri("achievements/ach-e2e-owned/matches?tenant=tenant-b", UriKind.Relative))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync(new Uri("documents/ach-e2e-owned?tenant=tenant-a", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync(new Uri("documents/ach-e2e-owned?tenant=tenant-a", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task PostAchievement_ThenMatches_ReturnsNeeds()
    {
        var created = await Client.PostAsJsonAsync(new Uri("achievements", UriKind.Relative), new
        {
            id = "ach-e2e-membrane",
            title = "高透湿TPU防水透气膜",
            description = "透湿量≥10000 g/(m²·24h)的亲水TPU膜，适用于跑鞋鞋面复合。",
            industryTags = new[] { "shoes" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var json = await GetJsonAsync("achievements/ach-e2e-membrane/matches?top=3");
        var items = json.RootElement.GetProperty("items");
        Assert.Equal("need-001", items[0].GetProperty("id").GetString());
        Assert.All(items.EnumerateArray(), i => Assert.Equal("need", i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Matches_UnknownOrWrongKindId_Returns404()
    {
        using var unknown = await Client.GetAsync(new Uri("needs/need-does-not-exist/matches", UriKind.Relative));
        using var wrongKind = await Client.GetAsync(new Uri("needs/ach-0001/matches", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongKind.StatusCode);
    }

    [Fact]
    public async Task PostNeed_WithoutTitleOrBadMaturity_Returns400NamingTheField()
    {
        using var noTitle = await Client.PostAsJsonAsync(new Uri("needs", UriKind.Relative), new { description = "x" });
        using var badMaturity = await Client.PostAsJsonAsync(new Uri("needs", UriKind.Relative), new { title = "t", maturity = "TRL42" });

        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Contains("title", await noTitle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badMaturity.StatusCode);
    }

    [Fact]
    public async Task PostFeedback_IsStoredAndListed()
    {
        using var posted = await Client.PostAsJsonAsync(new Uri("feedback", UriKind.Relative), new { queryId = "q-e2e", documentId = "ach-0001", kind = "contacted" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        using var json = await GetJsonAsync("feedback");
        Assert.Contains(json.RootElement.EnumerateArray(), e => e.GetProperty("queryId").GetString() == "q-e2e" && e.GetProperty("kind").GetString() == "contacted");
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheEndpoints()
    {
        var document = await Client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative));

        foreach (var path in new[] { "/needs", "/needs/{id}/matches", "/achievements", "/achievements/{id}/matches", "/feedback", "/match" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
