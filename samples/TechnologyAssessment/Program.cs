// Technology evaluation (技术评价): estimate the maturity of demo achievements from their text (rules + an ML.NET model),
// compare with the maturity they declare, and hint the technology-contract type of a few matched pairs.
// These are estimates for a technology manager to confirm, not assessments.
// Run from the repository root: dotnet run --project samples/TechnologyAssessment
using System.Diagnostics;
using System.Text;
using Quanzhou.Matching;
using Quanzhou.Matching.Assessment;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;

Console.OutputEncoding = Encoding.UTF8;
var clock = Stopwatch.StartNew();

// 1. Read the demo corpus (written for this project).
var dataFolder = Path.Combine(AppContext.BaseDirectory, "Data");
var documents = Directory.GetFiles(dataFolder, "*.jsonl").Order()
    .SelectMany(MatchDocumentJson.ReadFile).Where(r => r.Document is not null).Select(r => r.Document!).ToList();
var achievements = documents.Where(d => d.Kind == DocumentKind.Achievement).ToList();

// 2. Maturity estimates. The default estimator trains at first use on an embedded seed set derived from this same demo
//    corpus, so agreement here is optimistic; the held-out figure is in the README (MaturityEstimatorTests).
var estimator = MaturityEstimator.Default;
Console.WriteLine($"Maturity estimator ready in {clock.Elapsed.TotalSeconds:0.0} s (cue rules v{MaturityEstimator.RulesVersion}).\n");
foreach (var achievement in achievements.Where((_, i) => i % 37 == 0))
{
    var estimate = estimator.Estimate(achievement);
    var declared = achievement.Maturity is { } m ? m.Stage : "—";
    Console.WriteLine($"━━ {achievement.Id} {achievement.Title}");
    Console.WriteLine($"   estimate {estimate} by {estimate.Method}; declared {declared}{(declared == estimate.Stage ? " ✓" : " ✗")}");
    foreach (var phrase in estimate.SupportingPhrases.Take(3))
    {
        Console.WriteLine($"   · {phrase}");
    }
}

var all = estimator.EstimateMany(achievements.Select(a => a.GetSearchText()).ToArray());
var agree = achievements.Where((a, i) => a.Maturity?.Stage == all[i].Stage).Count();
Console.WriteLine($"\nAgreement with declared stages over {achievements.Count} demo achievements: {agree / (double)achievements.Count:0.000} (seen in training).\n");

// 3. Contract-type hints for matched pairs: match a few needs, advise on the top achievement and the top expert.
using var index = LuceneMatchIndex.CreateInMemory();
await index.UpsertManyAsync(documents);
var matcher = new MatchEngine(index);
var advisor = new ContractTypeAdvisor(estimator);
foreach (var needId in new[] { "need-001", "need-009", "need-051" })
{
    var need = (TechNeed)documents.Single(d => d.Id == needId);
    Console.WriteLine($"━━ 需求 {need.Id}: {need.Title}  [{need.Maturity?.Stage ?? "—"}; {string.Join(",", CooperationModeNames.ToChinese(need.CooperationModes))}]");
    foreach (var kind in new[] { DocumentKind.Achievement, DocumentKind.Expert })
    {
        var top = (await matcher.MatchAsync(MatchRequest.ForId(need.Id, need.Tenant), new MatchOptions { Top = 1, Kinds = [kind] })).Items.FirstOrDefault();
        if (top is null)
        {
            continue;
        }

        var advice = advisor.Advise(need, top.Document);
        Console.WriteLine($"   {(kind == DocumentKind.Expert ? "专家" : "成果")} {top.Id} {top.Title}");
        Console.WriteLine($"   → {advice.Recommended.Name} ({advice.Recommended.Confidence:0.00}); then {string.Join(", ", advice.Hints.Skip(1).Select(h => $"{h.Name} {h.Confidence:0.00}"))}");
        foreach (var reason in advice.Recommended.Reasons.Take(3))
        {
            Console.WriteLine($"     · {reason}");
        }
    }
}

Console.WriteLine($"\nDone in {clock.Elapsed.TotalSeconds:0.0} s.");
