using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>
/// Every corruption of every index file kind surfaces as <see cref="IndexCorruptedException"/> — on open, on a read, on a
/// match, on statistics or on <see cref="LuceneMatchIndex.VerifyAsync"/> — or the index still answers with all its
/// documents; never another exception type, never a hang, never a silently missing partition.
/// </summary>
[Trait("Category", "Reliability")]
public class CorruptionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TheoryData<string, int> Damages => new()
    {
        { "flip", 1 }, { "flip", 2 }, { "flip", 3 }, { "flip", 4 }, { "flip-twice", 5 }, { "flip-twice", 6 },
        { "truncate", 0 }, { "empty", 0 }, { "delete", 0 },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task EveryFileOfEveryPartition_DamagedOneAtATime_OnlyTypedErrors(string damage, int seed)
    {
        var original = await BuildAsync();
        var files = IndexFiles(original);
        Assert.Contains(files, f => f.Contains("tenants", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".cfs", StringComparison.Ordinal));
        var failures = new List<string>();
        var random = new Random(seed);
        foreach (var file in files)
        {
            var copy = Copy(original);
            var path = Path.Combine(copy, file);
            Damage(path, damage, random);
            var outcome = await Probe(copy, verify: damage.StartsWith("flip", StringComparison.Ordinal) && !file.EndsWith("segments.gen", StringComparison.Ordinal));
            if (outcome is not null)
            {
                failures.Add($"{damage} {file}: {outcome}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task VerifyOnOpenOff_VerifyAsyncStillFindsEveryFlippedByte(int seed)
    {
        var original = await BuildAsync();
        var random = new Random(seed);
        var missed = new List<string>();
        foreach (var file in IndexFiles(original).Where(f => !f.EndsWith("segments.gen", StringComparison.Ordinal)))
        {
            var copy = Copy(original);
            Damage(Path.Combine(copy, file), "flip", random);
            try
            {
                using var index = LuceneMatchIndex.Open(copy, new LuceneMatchIndexOptions { VerifyOnOpen = false });
                await index.VerifyAsync().WaitAsync(Patience);
                missed.Add(file);
            }
            catch (IndexCorruptedException)
            {
                // found, on open (metadata files are always checked) or by the verification
            }
        }

        Assert.True(missed.Count == 0, "VerifyAsync missed a flipped byte in: " + string.Join(", ", missed));
    }

    [Fact]
    public async Task TenantsPathIsAFile_OpenIsRefusedInsteadOfDroppingThePartition()
    {
        var copy = Copy(await BuildAsync());
        Directory.Delete(Path.Combine(copy, "tenants"), recursive: true);
        await File.WriteAllTextAsync(Path.Combine(copy, "tenants"), "not a folder");
        var ex = Assert.Throws<IndexCorruptedException>(() => LuceneMatchIndex.Open(copy));
        Assert.Contains("tenants", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrayEntryUnderTenants_OrMissingPublicPartition_IsRefused()
    {
        var stray = Copy(await BuildAsync());
        await File.WriteAllTextAsync(Path.Combine(stray, "tenants", "stray.txt"), "?");
        Assert.Throws<IndexCorruptedException>(() => LuceneMatchIndex.Open(stray));

        var noPublic = Copy(await BuildAsync());
        Directory.Delete(Path.Combine(noPublic, "public"), recursive: true);
        Assert.Throws<IndexCorruptedException>(() => LuceneMatchIndex.Open(noPublic));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TenantPartitionRemovedOrEmptied_OpenIsRefusedNamingTheTenant(bool removeFolder)
    {
        var copy = Copy(await BuildAsync());
        var partition = Path.Combine(copy, "tenants", "tenant-a");
        Directory.Delete(partition, recursive: true);
        if (!removeFolder)
        {
            Directory.CreateDirectory(partition);
        }

        var ex = Assert.Throws<IndexCorruptedException>(() => LuceneMatchIndex.Open(copy));
        Assert.Contains("tenant-a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SoundIndex_VerifiesClean()
    {
        using var index = LuceneMatchIndex.Open(Copy(await BuildAsync()));
        await index.VerifyAsync();
    }

    /// <summary>Null when the damaged index behaved (typed error or full answers); otherwise what went wrong.</summary>
    private static async Task<string?> Probe(string folder, bool verify)
    {
        var run = Task.Run(async () =>
        {
            try
            {
                using var index = LuceneMatchIndex.Open(folder);
                var engine = new MatchEngine(index);
                foreach (var d in Documents())
                {
                    var got = await index.GetAsync(d.Id, d.Tenant);
                    if (got?.Title != d.Title)
                    {
                        return $"GetAsync({d.Id}) returned {got?.Title ?? "null"} without an error";
                    }

                    _ = await engine.MatchAsync(MatchRequest.ForId(d.Id, d.Tenant), new MatchOptions { Top = 5 });
                }

                var stats = await index.GetStatisticsForAllTenantsAsync();
                if (stats.TotalDocuments != Documents().Count)
                {
                    return $"{stats.TotalDocuments} documents after opening, {Documents().Count} written";
                }

                if (verify)
                {
                    await index.VerifyAsync();
                    return "VerifyAsync passed a flipped byte";
                }

                return null;
            }
            catch (IndexCorruptedException ex)
            {
                return ex.InnerException is null && ex.Message.Length == 0 ? "empty IndexCorruptedException" : null;
            }
            catch (Exception ex)
            {
                return $"{ex.GetType().Name}: {ex.Message}";
            }
        });
        return await run.WaitAsync(Patience).ContinueWith(t => t.IsFaulted ? "hang or crash: " + t.Exception?.InnerException?.GetType().Name : t.Result, TaskScheduler.Default);
    }

    private static void Damage(string path, string damage, Random random)
    {
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip":
            case "flip-twice":
                for (var n = damage == "flip" ? 1 : 2; n > 0 && bytes.Length > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                File.WriteAllBytes(path, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            default:
                File.Delete(path);
                break;
        }
    }

    internal static List<MatchDocument> Documents() =>
    [
        .. Enumerable.Range(0, 12).Select(i => (MatchDocument)new TechAchievement($"pub-{i}", $"公开成果{i}") { Description = $"石墨烯导热膜 防水透气膜 第{i}项", Maturity = Maturity.FromTrl(1 + (i % 9)) }),
        .. Enumerable.Range(0, 6).Select(i => (MatchDocument)new TechNeed($"priv-{i}", $"保密需求{i}") { Description = $"钠离子电池 储能 第{i}项", Tenant = "tenant-a", Visibility = Visibility.Confidential }),
    ];

    internal static async Task<string> BuildAsync()
    {
        var folder = TestFixtures.NewTempDirectory();
        using var index = LuceneMatchIndex.Open(folder);
        var documents = Documents();
        await index.UpsertManyAsync(documents.Take(9).ToList());
        await index.UpsertManyAsync(documents.Skip(9).ToList()); // two segments per partition
        return folder;
    }

    private static List<string> IndexFiles(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal) && f != IndexFolderLock.FileName)
            .Order(StringComparer.Ordinal)];

    private static string Copy(string source)
    {
        var target = TestFixtures.NewTempDirectory();
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }
}
