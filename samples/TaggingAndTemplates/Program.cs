// Industry taxonomy, tags, need templates and duplicates (产业分类、标签、需求模板与重复检测): index the Quickstart's demo
// corpus in memory, then show auto-tagging with evidence, tags as filters and facets, a need's completeness against its
// industry template (with prompts for the missing fields), and near-duplicate detection / collapsing of a re-posted listing.
// Run from the repository root: dotnet run --project samples/TaggingAndTemplates
using System.Text;
using Quanzhou.Matching;
using Quanzhou.Matching.Duplicates;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;
using Quanzhou.Matching.Taxonomy;
using Quanzhou.Matching.Templates;

Console.OutputEncoding = Encoding.UTF8;
var dataFolder = Path.Combine(AppContext.BaseDirectory, "Data");
var documents = Directory.GetFiles(dataFolder, "*.jsonl").Order()
    .SelectMany(MatchDocumentJson.ReadFile)
    .Where(r => r.Document is not null).Select(r => r.Document!)
    .ToList();

// 1. Auto-tagging: the default taxonomy (versioned JSON shipped in the package) and its keywords.
var taxonomy = IndustryTaxonomy.Default;
var tagger = new TaxonomyTagger(taxonomy);
Console.WriteLine($"━━ 产业分类 taxonomy {taxonomy.Version}: {taxonomy.Nodes.Count} nodes");
const string text = "我司生产EVA发泡鞋中底，希望降低中底收缩率并提高回弹，同时处理印染废水。";
Console.WriteLine($"text: {text}");
foreach (var tag in tagger.Tag(text))
{
    Console.WriteLine($"  {tag.TagId,-32} {tag.Name,-8} confidence {tag.Confidence:0.00}  evidence: {string.Join("、", tag.Evidence)}");
}

// 2. Tags as filters and facets: match a free-text need, then restrict to one cluster.
using var index = LuceneMatchIndex.CreateInMemory();
await index.UpsertManyAsync(documents);
var engine = new MatchEngine(index);
var all = await engine.MatchAsync(MatchRequest.ForText("鞋材轻量化与防水透气"), new MatchOptions { Top = 5, Kinds = [DocumentKind.Achievement] });
Console.WriteLine($"\n━━ facets over {all.TotalCandidates} candidates: " +
    string.Join(", ", all.IndustryFacets.Take(5).Select(f => $"{f.Key} {f.Value}")));
var facet = all.IndustryFacets.First().Key;
var filtered = await engine.MatchAsync(MatchRequest.ForText("鞋材轻量化与防水透气"), new MatchOptions { Top = 3, Kinds = [DocumentKind.Achievement], IndustryTags = [facet] });
Console.WriteLine($"filtered to {facet}:");
foreach (var r in filtered.Items)
{
    Console.WriteLine($"  #{r.Rank} {r.Id} {r.Title}  [{string.Join(",", r.Document.IndustryTags)}]");
}

// 3. Need templates: what a need of its industry should state, and what this one is missing.
Console.WriteLine("\n━━ 需求模板 need templates");
foreach (var need in documents.OfType<TechNeed>().Take(3))
{
    var completeness = NeedTemplates.Evaluate(need);
    Console.WriteLine($"  {need.Id} {need.Title}: template {completeness.Template.Name}, completeness {completeness.Score:P0}");
    foreach (var field in completeness.Missing)
    {
        Console.WriteLine($"    missing {field.Label}: {field.Prompt}");
    }
}

// 4. Duplicates: the same listing re-posted with small edits is detected and collapsed in results.
var original = documents.OfType<TechAchievement>().First();
var repost = new TechAchievement(original.Id + "-repost", "【转载】" + original.Title)
{
    Description = original.Description.Replace("。", "；", StringComparison.Ordinal),
    Keywords = original.Keywords,
    IndustryTags = original.IndustryTags,
};
var detector = new NearDuplicateDetector();
Console.WriteLine($"\n━━ 重复检测 duplicates: {original.Id} vs {repost.Id}: similarity " +
    $"{NearDuplicateDetector.Similarity(detector.Signature(original), detector.Signature(repost)):0.00} (threshold {detector.Threshold})");
await index.UpsertAsync(repost);
var query = MatchRequest.ForText(original.Title);
var plain = await engine.MatchAsync(query, new MatchOptions { Top = 3, Kinds = [DocumentKind.Achievement] });
var collapsed = await engine.MatchAsync(query, new MatchOptions { Top = 3, Kinds = [DocumentKind.Achievement], CollapseDuplicates = true });
Console.WriteLine($"  without collapsing: {string.Join(", ", plain.Items.Select(r => r.Id))}");
Console.WriteLine($"  CollapseDuplicates: {string.Join(", ", collapsed.Items.Select(r => r.Id))}");
