using System.Diagnostics;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// One writer per index folder across processes: a real child process (this assembly run as a program, see
/// <see cref="Program"/>) holds or tries the folder while this process does the other side; a SIGKILLed child leaves the
/// folder usable, with every write it acknowledged.
/// </summary>
public sealed class CrossProcessLockTests : IDisposable
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("qzm-outside-lock-").FullName;

    [Fact]
    public async Task ChildHoldsIndex_ParentOpenThrowsIndexLocked_ThenChildKilled_ParentOpensAndWrites()
    {
        await SeedAsync();
        using var child = Process.Start(ChildProcess.Dotnet([ChildProcess.SelfDll, "hold", _folder]))!;
        try
        {
            await ChildProcess.ReadLineAsync(child, l => l == "opened", ChildTimeout);
            var ex = Assert.Throws<IndexLockedException>(() => LuceneMatchIndex.Open(_folder));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));

            // The lock is the child's, not a leftover: a second try still fails while it lives.
            Assert.Throws<IndexLockedException>(() => LuceneMatchIndex.Open(_folder).Dispose());
        }
        finally
        {
            child.Kill(entireProcessTree: true); // SIGKILL: no dispose, no cleanup in the child
            await child.WaitForExitAsync();
        }

        using var index = LuceneMatchIndex.Open(_folder);
        Assert.True((await index.UpsertAsync(new TechAchievement("after-kill", "陶瓷砖低温快烧配方"))).Accepted);
        Assert.NotNull(await index.GetAsync("after-kill", MatchDocument.DefaultTenant));
        Assert.NotNull(await index.GetAsync("seed-0", MatchDocument.DefaultTenant));
    }

    [Fact]
    public async Task ParentHoldsIndex_ChildOpenFailsWithIndexLocked_ThenParentDisposes_ChildOpens()
    {
        await SeedAsync();
        using (LuceneMatchIndex.Open(_folder))
        {
            var locked = await ChildProcess.RunAsync([ChildProcess.SelfDll, "try-open", _folder], ChildTimeout);
            Assert.True(locked.ExitCode == Program.LockedExitCode, $"child exit {locked.ExitCode}, expected {Program.LockedExitCode} (IndexLockedException):\n{locked.All}");
        }

        var opened = await ChildProcess.RunAsync([ChildProcess.SelfDll, "try-open", _folder], ChildTimeout);
        Assert.True(opened.ExitCode == 0, $"child exit {opened.ExitCode} after the parent closed the index:\n{opened.All}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ChildKilledWhileWriting_ParentOpens_EveryAcknowledgedWriteIsThere(int seed)
    {
        await SeedAsync();
        var random = new Random(seed);
        var killAfter = 3 + random.Next(25);

        // Kill at a random moment inside the next writes.
        var acked = await ChildProcess.KillWriterAfterAcksAsync("write", _folder, killAfter, random, 40, ChildTimeout,
            whileOpen: () => Assert.Throws<IndexLockedException>(() => LuceneMatchIndex.Open(_folder)));

        using var index = LuceneMatchIndex.Open(_folder);
        foreach (var id in acked)
        {
            var tenant = int.Parse(id["child-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "t-a" : MatchDocument.DefaultTenant;
            Assert.True(await index.GetAsync(id, tenant) is not null, $"seed {seed}: acknowledged {id} (of {acked.Count}) is missing after the writer was killed");
        }

        Assert.True((await index.UpsertAsync(new TechAchievement("after-kill", "钠离子电池正极材料"))).Accepted);
        await index.VerifyAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task SeedAsync()
    {
        var corpus = new Corpus(5);
        using var index = LuceneMatchIndex.Open(_folder);
        await index.UpsertManyAsync(Enumerable.Range(0, 5).Select(i => corpus.Achievement($"seed-{i}", MatchDocument.DefaultTenant, Visibility.Public)));
    }
}
