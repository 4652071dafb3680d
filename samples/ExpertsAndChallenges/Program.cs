// Experts, teams and challenge lists (专家、团队与揭榜挂帅): index the Quickstart's demo corpus in memory, then for one
// need print the experts with the achievements (成果) that support them, a suggested expert team covering the need's
// sub-topics, and — for a need flagged as a public challenge (揭榜挂帅) — the ranked candidate solvers.
// Run from the repository root: dotnet run --project samples/ExpertsAndChallenges
using System.Diagnostics;
using System.Text;
using Quanzhou.Matching;
using Quanzhou.Matching.Challenges;
using Quanzhou.Matching.Experts;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;

Console.OutputEncoding = Encoding.UTF8;
var clock = Stopwatch.StartNew();

// 1. Read the demo corpus; each expert lists its own achievements (achievementIds) and its service chain.
var dataFolder = Path.Combine(AppContext.BaseDirectory, "Data");
var documents = Directory.GetFiles(dataFolder, "*.jsonl").Order()
    .SelectMany(MatchDocumentJson.ReadFile)
    .Where(r => r.Document is not null).Select(r => r.Document!)
    .ToList();

// 2. An in-memory index is enough for a demo; a portal opens a folder with LuceneMatchIndex.Open.
using var index = LuceneMatchIndex.CreateInMemory();
await index.UpsertManyAsync(documents);
var engine = new MatchEngine(index);
Console.WriteLine($"Indexed {documents.Count} documents in {clock.Elapsed.TotalSeconds:0.0} s.\n");

// 3. Need → experts. Each expert's own achievements are matched against the same need (one batched lookup) and lift
//    the expert's score; the explanation names the supporting achievements.
const string needId = "need-001";
var need = (TechNeed)documents.Single(d => d.Id == needId);
var request = MatchRequest.ForId(needId, need.Tenant);
Console.WriteLine($"━━ 需求 {need.Id}: {need.Title}{(need.IsChallenge ? "  [揭榜挂帅]" : string.Empty)}");
Console.WriteLine("专家 (experts) with their evidence:");
var experts = await engine.MatchAsync(request, new MatchOptions { Top = 3, Kinds = [DocumentKind.Expert] });
foreach (var r in experts.Items)
{
    var expert = (ExpertProfile)r.Document;
    Console.WriteLine($"  #{r.Rank} {r.Title} ({expert.Organization}; {expert.ServiceChain}; score {r.Score:0.00})");
    foreach (var e in r.Explanation!.Evidence)
    {
        Console.WriteLine($"      成果 {e.Id}《{e.Title}》 matches this need ({e.Score:0.00})");
    }
}

// 4. A team of up to three experts covering the need's sub-topics (taxonomy tags + its most informative terms).
var team = await new TeamSuggester(engine).SuggestAsync(request);
Console.WriteLine($"\n专家团队 (team), coverage {team.CoverageRatio:P0} of: {string.Join("、", team.SubTopics.Select(t => t.Label))}");
foreach (var member in team.Members)
{
    Console.WriteLine($"  + {member.Expert.Title} ({member.Expert.Document.Organization}) covers {string.Join("、", member.Covers.Select(t => t.Label))}");
}

if (team.Uncovered.Count > 0)
{
    Console.WriteLine($"  uncovered: {string.Join("、", team.Uncovered.Select(t => t.Label))}");
}

// 5. The challenge list (揭榜挂帅): achievements, experts and organisations in one ranking.
var challenges = new ChallengeListBuilder(engine);
var list = await challenges.BuildAsync(request, new ChallengeListOptions { MaxAchievements = 3, MaxExperts = 2, MaxOrganizations = 3 });
Console.WriteLine("\n揭榜挂帅 candidate solvers:");
foreach (var s in list.Solvers)
{
    var kind = s.Kind switch { SolverKind.Achievement => "成果", SolverKind.Expert => "专家", _ => "单位" };
    var supporting = s.SupportingDocumentIds.Count > 0 ? $"  ← {string.Join(", ", s.SupportingDocumentIds.Take(4))}" : string.Empty;
    Console.WriteLine($"  #{s.Rank} [{kind}] {s.Name} ({s.Score:0.00}){supporting}");
}

Console.WriteLine($"\nDone in {clock.Elapsed.TotalSeconds:0.0} s.");
