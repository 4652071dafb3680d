// Quick start: index the bundled demo corpus (written for this project: 300 achievements 科技成果, 60 needs 技术需求,
// 40 experts 专家 across Quanzhou's industries), then match several demo needs and print ranked, explained results.
// Run from the repository root: dotnet run --project samples/Quickstart
using System.Diagnostics;
using System.Text;
using Quanzhou.Matching;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;

Console.OutputEncoding = Encoding.UTF8;
var clock = Stopwatch.StartNew();

// 1. Read the demo corpus (JSON lines). Bad lines would be reported with their line number, not thrown.
var dataFolder = Path.Combine(AppContext.BaseDirectory, "Data");
var records = Directory.GetFiles(dataFolder, "*.jsonl").Order().SelectMany(MatchDocumentJson.ReadFile).ToList();
foreach (var bad in records.Where(r => r.Error is not null))
{
    Console.WriteLine($"skipped: {bad.Error}");
}

var documents = records.Where(r => r.Document is not null).Select(r => r.Document!).ToList();

// 2. Build the index in a local folder (rebuilt on every run, so the demo is repeatable).
var indexFolder = Path.Combine(Environment.CurrentDirectory, "quickstart-index");
using var index = LuceneMatchIndex.Open(indexFolder);
var written = await index.RebuildAsync(documents);
var stats = await index.GetStatisticsForAllTenantsAsync();
Console.WriteLine($"Indexed {written.Accepted} documents into {indexFolder} in {clock.Elapsed.TotalSeconds:0.0} s: " +
    $"{stats.DocumentCounts[DocumentKind.Achievement]} achievements, {stats.DocumentCounts[DocumentKind.Need]} needs, {stats.DocumentCounts[DocumentKind.Expert]} experts.");

// 3. The matcher: BM25 candidates (SmartCn words + CJK bigrams) reranked by the shipped LambdaRank model.
var matcher = new MatchEngine(index);
Console.WriteLine($"Ranker: {matcher.Ranker.Name}\n");

// 4. Need → achievements and experts, for a few demo needs (need-002 is typed in traditional characters with HTML).
foreach (var needId in new[] { "need-001", "need-002", "need-008", "need-009", "need-051" })
{
    var need = documents.Single(d => d.Id == needId);
    Console.WriteLine($"━━ 需求 {need.Id}: {need.Title}  [{string.Join(",", need.IndustryTags)} · {need.Region} · {need.Maturity}]");
    var achievements = await matcher.MatchAsync(MatchRequest.ForId(needId, need.Tenant), new MatchOptions { Top = 3, Kinds = [DocumentKind.Achievement] });
    Print(achievements);
    var experts = await matcher.MatchAsync(MatchRequest.ForId(needId, need.Tenant), new MatchOptions { Top = 2, Kinds = [DocumentKind.Expert] });
    Print(experts);
    Console.WriteLine();
}

// 5. Free text from a technology manager, filtered to one county (晋江 350582) and pilot-scale maturity or better.
Console.WriteLine("━━ 文本查询: 运动鞋中底回弹差、太重，想找轻量化发泡方案  [region 350582, ≥ 中试]");
Print(await matcher.MatchAsync(
    MatchRequest.ForText("运动鞋中底回弹差、太重，想找轻量化发泡方案", "quanzhou"),
    new MatchOptions { Top = 3, Regions = ["350582"], MinMaturity = Maturity.Parse("中试") }));
Console.WriteLine();

// 6. The reverse direction: an achievement → the companies' needs it could serve.
var achievement = documents.First(d => d.Kind == DocumentKind.Achievement && d.Attributes.GetValueOrDefault("topic") == "51");
Console.WriteLine($"━━ 成果 {achievement.Id}: {achievement.Title} → 需求");
Print(await matcher.MatchAsync(MatchRequest.ForId(achievement.Id, achievement.Tenant), new MatchOptions { Top = 3 }));

Console.WriteLine($"\nDone in {clock.Elapsed.TotalSeconds:0.0} s.");

static void Print(MatchResults results)
{
    foreach (var r in results.Items)
    {
        var kind = r.Kind switch { DocumentKind.Achievement => "成果", DocumentKind.Expert => "专家", _ => "需求" };
        Console.WriteLine($"  #{r.Rank} [{kind}] {r.Id} {r.Title}  ({r.Document.Organization}; score {r.Score:0.000}, {results.Elapsed.TotalMilliseconds:0} ms)");
        if (r.Explanation is { } e)
        {
            // The snippet is HTML (matched terms in <em>); a console shows them in 【】.
            Console.WriteLine($"      {System.Net.WebUtility.HtmlDecode(e.Snippet.Replace("<em>", "【", StringComparison.Ordinal).Replace("</em>", "】", StringComparison.Ordinal))}");
            foreach (var reason in e.Reasons)
            {
                Console.WriteLine($"      · {reason}");
            }
        }
    }
}
