// Child process for the kill tests: upserts batches of 10 documents into an on-disk index and prints "ACK <batch>"
// after each batch's UpsertManyAsync returned (i.e. was committed). The parent kills it with SIGKILL at random moments.
// Usage: Quanzhou.Matching.CrashHarness <index-folder> <first-batch>
using System.Globalization;
using Quanzhou.Matching;
using Quanzhou.Matching.Indexing;

var folder = args[0];
var batch = int.Parse(args[1], CultureInfo.InvariantCulture);
using var index = LuceneMatchIndex.Open(folder);
Console.WriteLine("READY");
for (; batch < 1_000_000; batch++)
{
    var documents = Enumerable.Range(0, 10).Select(i => new TechAchievement($"b{batch:D6}-{i}", $"批次{batch}成果{i}")
    {
        Description = $"第{batch}批次的第{i}个成果：石墨烯导热膜与防水透气膜的连续化制备工艺，透湿量{8000 + i} g/(m²·24h)。",
        Attributes = new Dictionary<string, string> { ["batch"] = batch.ToString(CultureInfo.InvariantCulture) },
    }).ToList();
    await index.UpsertManyAsync(documents);
    Console.WriteLine($"ACK {batch}");
}
