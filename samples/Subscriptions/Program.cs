// Subscriptions (订阅): register saved needs and saved interests, then index demo achievements and experts one by one
// and print the notifications each new document raises (reverse search with Lucene.Net.Memory's MemoryIndex).
// Run from the repository root: dotnet run --project samples/Subscriptions
using System.Text;
using Quanzhou.Matching;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;
using Quanzhou.Matching.Subscriptions;

Console.OutputEncoding = Encoding.UTF8;

// 1. Read the demo corpus (written for this project) and start with an index holding only the needs.
var dataFolder = Path.Combine(AppContext.BaseDirectory, "Data");
var documents = Directory.GetFiles(dataFolder, "*.jsonl").Order()
    .SelectMany(MatchDocumentJson.ReadFile).Where(r => r.Document is not null).Select(r => r.Document!).ToList();
using var index = LuceneMatchIndex.CreateInMemory();
await index.UpsertManyAsync(documents.Where(d => d.Kind == DocumentKind.Need));

// 2. The registry weights terms by idf over the index (rare terms count more) and analyses text like the index does.
var registry = new SubscriptionRegistry(new SubscriptionRegistryOptions { StatisticsIndex = index });

// Saved needs (保存的需求): an enterprise wants to hear about new achievements and experts for its posted need.
foreach (var needId in new[] { "need-001", "need-009", "need-051" })
{
    var need = (TechNeed)documents.Single(d => d.Id == needId);
    registry.Register(new Subscription($"saved-{needId}", $"enterprise-of-{needId}", need) { Threshold = 0.2 });
}

// Saved interests (关注): free text, optionally narrowed by industry tags or kinds.
registry.Register(new Subscription("interest-graphene", "quanzhou", "researcher-lin", "石墨烯 导热 散热材料") { Threshold = 0.5 });
registry.Register(new Subscription("interest-tea", "quanzhou", "tea-cooperative", "铁观音 做青 茶叶品质") { Threshold = 0.5, IndustryTags = ["food"] });
registry.Register(new Subscription("interest-dyeing", "quanzhou", "dyeing-park", "印染废水 回用 节水") { Threshold = 0.5, TargetKinds = [DocumentKind.Achievement] });
// Another tenant's subscription hears about public documents only (the demo corpus has a few tenant-only and confidential ones).
registry.Register(new Subscription("other-tenant", "xiamen", "someone-else", "印染废水 回用 节水") { Threshold = 0.5 });
Console.WriteLine($"{registry.Count} subscriptions registered.\n");

// 3. Index new achievements and experts one by one; IndexingNotifier upserts and returns the notifications.
var notifier = new IndexingNotifier(index, registry);
var newDocuments = documents.Where(d => d.Kind != DocumentKind.Need).ToList();
var notified = 0;
var perSubscription = new Dictionary<string, int>(StringComparer.Ordinal);
foreach (var document in newDocuments)
{
    var result = await notifier.UpsertAsync(document);
    foreach (var n in result.Notifications)
    {
        notified++;
        perSubscription[n.SubscriptionId] = perSubscription.GetValueOrDefault(n.SubscriptionId) + 1;
        if (notified <= 25)
        {
            Console.WriteLine($"→ {n.Owner} ({n.SubscriptionId}): {n.DocumentKind} {n.DocumentId} {n.DocumentTitle}");
            Console.WriteLine($"    score {n.Score:0.00}; matched {string.Join(" ", n.MatchedTerms.Take(6))}");
        }
    }
}

Console.WriteLine($"\n{newDocuments.Count} documents indexed, {notified} notifications" + (notified > 25 ? " (first 25 shown)." : "."));
foreach (var subscription in registry.GetAll())
{
    Console.WriteLine($"  {subscription.Id,-20} threshold {subscription.Threshold:0.00}: {perSubscription.GetValueOrDefault(subscription.Id)} notifications");
}

// 4. Persist subscriptions as JSON lines so nothing is lost on restart; import reports bad lines with their number.
var file = new StringWriter();
await registry.ExportAsync(file);
var restored = new SubscriptionRegistry(new SubscriptionRegistryOptions { StatisticsIndex = index });
var import = await restored.ImportAsync(new StringReader(file + "{\"id\":\"broken\"}\n"));
Console.WriteLine($"\nExported {registry.Count} subscriptions; re-imported {import.Imported}; rejected: {string.Join("; ", import.Errors)}");
