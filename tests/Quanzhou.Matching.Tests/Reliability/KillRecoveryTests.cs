using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

[Trait("Category", "Reliability")]
public class KillRecoveryTests
{
    internal static string HarnessPath()
    {
        // tests/Quanzhou.Matching.Tests/bin/<config>/<tfm>/ → tests/Quanzhou.Matching.CrashHarness/bin/<config>/<tfm>/
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configDir = tfmDir.Parent!;
        var testsDir = configDir.Parent!.Parent!.Parent!;
        return Path.Combine(testsDir.FullName, "Quanzhou.Matching.CrashHarness", "bin", configDir.Name, tfmDir.Name, "Quanzhou.Matching.CrashHarness.dll");
    }

    [Fact]
    public async Task KillDuringCommits_IndexReopensCleanWithEveryAcknowledgedBatchAndNoHalfBatch()
    {
        var harness = HarnessPath();
        Assert.True(File.Exists(harness), $"crash harness not built at {harness}");
        var folder = TestFixtures.NewTempDirectory();
        var random = new Random(20261126);
        var acknowledged = new HashSet<int>();
        var nextBatch = 0;
        var killedAfterReady = 0;

        for (var run = 0; run < ReliabilityEnvironment.KillRuns; run++)
        {
            var acks = new ConcurrentQueue<int>();
            var ready = new TaskCompletionSource();
            var start = new ProcessStartInfo("dotnet", [harness, folder, nextBatch.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == "READY")
                {
                    ready.TrySetResult();
                }
                else if (e.Data?.StartsWith("ACK ", StringComparison.Ordinal) == true)
                {
                    acks.Enqueue(int.Parse(e.Data[4..], CultureInfo.InvariantCulture));
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            // Kill at a random moment after the index is open: mid-batch, mid-commit or between batches.
            if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(60))) == ready.Task)
            {
                killedAfterReady++;
            }

            await Task.Delay(random.Next(100, 2000));
            process.Kill(entireProcessTree: true); // SIGKILL
            await process.WaitForExitAsync();
            process.WaitForExit(); // drain the output events
            foreach (var b in acks)
            {
                acknowledged.Add(b);
            }

            // Reopen: the index opens, CheckIndex is clean, every acknowledged batch is whole, no batch is partial.
            var batches = ReadBatches(folder);
            Assert.All(acknowledged, b => Assert.True(batches.TryGetValue(b, out var n) && n == 10, $"run {run}: acknowledged batch {b} has {batches.GetValueOrDefault(b)} of 10 documents"));
            Assert.All(batches, kv => Assert.True(kv.Value == 10, $"run {run}: batch {kv.Key} is half-applied ({kv.Value} of 10)"));
            nextBatch = batches.Count == 0 ? nextBatch : Math.Max(nextBatch, batches.Keys.Max() + 1);
        }

        Assert.True(killedAfterReady >= ReliabilityEnvironment.KillRuns / 2, $"only {killedAfterReady} runs got past start-up before the kill");
        Assert.NotEmpty(acknowledged);
    }

    private static Dictionary<int, int> ReadBatches(string folder)
    {
        using (var directory = new NIOFSDirectory(new DirectoryInfo(Path.Combine(folder, "public"))))
        {
            if (DirectoryReader.IndexExists(directory))
            {
                var status = new CheckIndex(directory).DoCheckIndex();
                Assert.True(status.Clean, "CheckIndex found problems after the kill");
            }
        }

        using var index = LuceneMatchIndex.Open(folder); // also proves the killed writer's lock was released
        return index.WithSearcher(MatchDocument.DefaultTenant, searcher =>
        {
            var reader = searcher.IndexReader;
            var live = MultiFields.GetLiveDocs(reader);
            var counts = new Dictionary<int, int>();
            for (var i = 0; i < reader.MaxDoc; i++)
            {
                if (live is not null && !live.Get(i))
                {
                    continue;
                }

                var id = reader.Document(i).Get(IndexFields.Id);
                var batch = int.Parse(id.AsSpan(1, 6), CultureInfo.InvariantCulture);
                counts[batch] = counts.GetValueOrDefault(batch) + 1;
            }

            return counts;
        });
    }
}
