using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Subscriptions;

namespace Quanzhou.Matching.Tests.Subscriptions;

public class IndexingNotifierTests
{
    [Fact]
    public async Task UpsertAsync_IndexesTheDocumentAndReturnsNotifications()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        var registry = new SubscriptionRegistry(new SubscriptionRegistryOptions { StatisticsIndex = index });
        registry.Register(new Subscription("s-1", "quanzhou", "researcher-1", "铁观音做青近红外检测"));
        registry.Register(new Subscription("s-2", "quanzhou", "researcher-2", "陶瓷釉料抗菌"));
        var notifier = new IndexingNotifier(index, registry);
        var achievement = new TechAchievement("a-tea", "基于近红外光谱的铁观音做青程度在线判别系统")
        {
            Description = "采用便携式近红外光谱仪对摇青叶进行无损采样，实时判断做青程度。", Tenant = "quanzhou",
        };

        var result = await notifier.UpsertAsync(achievement);

        Assert.True(result.Outcome.Accepted);
        Assert.NotNull(await index.GetAsync("a-tea", "quanzhou"));
        Assert.Equal(["s-1"], result.Notifications.Select(n => n.SubscriptionId));
    }

    [Fact]
    public void Constructor_ValidatesArguments()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        Assert.Throws<ArgumentNullException>(() => new IndexingNotifier((MatchIndex)null!, new SubscriptionRegistry()));
        Assert.Throws<ArgumentNullException>(() => new IndexingNotifier(index, null!));
    }
}
