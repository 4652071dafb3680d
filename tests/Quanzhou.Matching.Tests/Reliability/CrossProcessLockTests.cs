using System.Diagnostics;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>One writer per index folder across processes, with a real child process (the crash harness's <c>hold</c> mode), both orders.</summary>
[Trait("Category", "Reliability")]
public class CrossProcessLockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ChildHoldsTheFolder_ParentOpenIsRefusedThenSucceedsAfterTheChildCloses()
    {
        var folder = TestFixtures.NewTempDirectory();
        using var child = Start(folder);
        Assert.Equal("HOLDING", await ReadLineAsync(child));

        var refused = Assert.Throws<IndexLockedException>(() => LuceneMatchIndex.Open(folder));
        Assert.Contains(folder, refused.Message, StringComparison.Ordinal);

        // The child writes after the parent's attempt: the refused open must not have touched the index.
        await child.StandardInput.WriteLineAsync();
        Assert.True(child.WaitForExit(Patience), "the child did not exit");
        Assert.Equal(0, child.ExitCode);

        using var index = LuceneMatchIndex.Open(folder);
        Assert.NotNull(await index.GetAsync("held-by-child", MatchDocument.DefaultTenant));
    }

    [Fact]
    public async Task ParentHoldsTheFolder_ChildOpenIsRefused()
    {
        var folder = TestFixtures.NewTempDirectory();
        using (var index = LuceneMatchIndex.Open(folder))
        {
            await index.UpsertAsync(new TechAchievement("parent-doc", "父进程文档"));
            using var child = Start(folder);
            Assert.Equal("LOCKED", await ReadLineAsync(child));
            Assert.True(child.WaitForExit(Patience), "the child did not exit");
            Assert.Equal(3, child.ExitCode);
        }

        // Once the parent closes, a child can take the folder.
        using var second = Start(folder);
        Assert.Equal("HOLDING", await ReadLineAsync(second));
        await second.StandardInput.WriteLineAsync();
        Assert.True(second.WaitForExit(Patience));
        Assert.Equal(0, second.ExitCode);
    }

    [Fact]
    public async Task ChildKilledWhileHolding_LeavesNoLockThatBlocksANewWriter()
    {
        var folder = TestFixtures.NewTempDirectory();
        using var child = Start(folder);
        Assert.Equal("HOLDING", await ReadLineAsync(child));
        child.Kill(entireProcessTree: true); // SIGKILL: no dispose, the lock files stay on disk
        Assert.True(child.WaitForExit(Patience));

        Assert.True(File.Exists(Path.Combine(folder, IndexFolderLock.FileName)));
        using var index = LuceneMatchIndex.Open(folder);
        Assert.True((await index.UpsertAsync(new TechAchievement("after-kill", "进程被杀后写入"))).Accepted);
    }

    [Fact]
    public void SecondInstanceInTheSameProcess_IsRefused()
    {
        var folder = TestFixtures.NewTempDirectory();
        using var first = LuceneMatchIndex.Open(folder);
        Assert.Throws<IndexLockedException>(() => LuceneMatchIndex.Open(folder));
        Assert.Throws<IndexLockedException>(() => LuceneMatchIndex.Open(folder + Path.DirectorySeparatorChar));
    }

    private static Process Start(string folder)
    {
        var harness = KillRecoveryTests.HarnessPath();
        Assert.True(File.Exists(harness), $"crash harness not built at {harness}");
        var start = new ProcessStartInfo("dotnet", [harness, "hold", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start)!;
    }

    private static async Task<string?> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await process.StandardOutput.ReadLineAsync(timeout.Token);
    }
}
