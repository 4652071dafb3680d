// Child process for the kill tests: upserts batches of 10 documents into an on-disk index and prints "ACK <batch>"
// after each batch's UpsertManyAsync returned (i.e. was committed). The parent kills it with SIGKILL at random moments.
// Usage: Quanzhou.Matching.CrashHarness <index-folder> <first-batch>
// Lock mode, for the cross-process lock tests: Quanzhou.Matching.CrashHarness hold <index-folder> opens the index and
// prints "HOLDING", then waits for a line on stdin, writes one document and exits 0; prints "LOCKED" and exits 3 when
// another writer holds the folder.
using System.Globalization;
using Quanzhou.Matching;
using Quanzhou.Matching.Indexing;

if (args[0] == "hold")
{
    LuceneMatchIndex held;
    try
    {
        held = LuceneMatchIndex.Open(args[1]);
    }
    catch (IndexLockedException)
    {
        Console.WriteLine("LOCKED");
        return 3;
    }

    using (held)
    {
        Console.WriteLine("HOLDING");
        _ = Console.ReadLine();
        await held.UpsertAsync(new TechAchievement("held-by-child", "子进程写入") { Description = "跨进程锁测试" });
    }

    return 0;
}

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

return 0;
