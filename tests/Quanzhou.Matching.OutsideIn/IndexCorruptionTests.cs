using System.Text;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// Every file of a folder index (public and tenant partitions, two commits and a deletion, so every Lucene file kind is
/// there), times seeded corruptions (flipped bytes, truncation, deletion), plus structural damage (the tenants folder or
/// the public folder replaced by a file, a tenant partition emptied or removed). Open, reads, statistics and VerifyAsync
/// must either give the original data or throw <see cref="IndexCorruptedException"/> — no other exception, no hang, no
/// silently missing documents — and a flipped byte in any data file must be found by VerifyAsync at the latest.
/// </summary>
public sealed class IndexCorruptionTests : IDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] Tenants = [MatchDocument.DefaultTenant, "t-a", "t-b"];
    private readonly string _work = Directory.CreateTempSubdirectory("qzm-outside-corrupt-").FullName;

    [Fact]
    public async Task EveryFileTimesEveryCorruption_OpenReadVerify_GiveOriginalDataOrIndexCorrupted()
    {
        var pristine = Path.Combine(_work, "pristine");
        var original = await BuildAsync(pristine);
        var files = Directory.GetFiles(pristine, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(pristine, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains(files, f => f.StartsWith("tenants", StringComparison.Ordinal) && Path.GetFileName(f).StartsWith("segments_", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".cfs", StringComparison.Ordinal));

        var cases = new List<(string Name, Action<string> Apply, bool MustBeDetected, bool FileLevel)>();
        foreach (var file in files)
        {
            var isData = IsDataFile(file);
            for (var seed = 1; seed <= 3; seed++)
            {
                var s = seed;
                cases.Add(($"flip bytes (seed {s}) in {file}", root => Flip(Path.Combine(root, file), new Random(s * 7919 + file.Length)), isData, true));
            }

            cases.Add(($"truncate {file} at a random length", root => Truncate(Path.Combine(root, file), new Random(file.Length)), false, true));
            cases.Add(($"truncate {file} to 0 bytes", root => File.WriteAllBytes(Path.Combine(root, file), []), false, true));
            cases.Add(($"delete {file}", root => File.Delete(Path.Combine(root, file)), false, true));
        }

        cases.Add(("replace the tenants folder by a file", root => ReplaceByFile(Path.Combine(root, "tenants")), false, false));
        cases.Add(("replace the public folder by a file", root => ReplaceByFile(Path.Combine(root, "public")), false, false));
        foreach (var tenant in Tenants)
        {
            var t = tenant;
            cases.Add(($"delete every segments_N of tenant partition {t}", root =>
            {
                foreach (var f in Directory.GetFiles(Path.Combine(root, "tenants", t), "segments_*"))
                {
                    File.Delete(f);
                }
            }, false, true));
            cases.Add(($"empty tenant partition {t}", root =>
            {
                foreach (var f in Directory.GetFiles(Path.Combine(root, "tenants", t)))
                {
                    File.Delete(f);
                }
            }, false, false));
            cases.Add(($"remove tenant partition folder {t}", root => Directory.Delete(Path.Combine(root, "tenants", t), recursive: true), false, false));
        }

        var violations = new List<string>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cases.Count; i++)
        {
            var (name, apply, mustBeDetected, fileLevel) = cases[i];
            var copy = Path.Combine(_work, $"case-{i}");
            CopyFolder(pristine, copy);
            apply(copy);
            var outcome = await ProbeAsync(copy, original);
            outcomes[outcome.Kind] = outcomes.GetValueOrDefault(outcome.Kind) + 1;
            if (outcome.Violation is { } violation)
            {
                violations.Add($"{name}: {violation}");
            }
            else if (mustBeDetected && outcome.Kind == "intact")
            {
                violations.Add($"{name}: every call succeeded and VerifyAsync did not throw IndexCorruptedException for a flipped byte in a data file");
            }
            else if (fileLevel && outcome.Kind == "corrupted" && outcome.Stage != "verify" && !outcome.HasInner)
            {
                violations.Add($"{name}: IndexCorruptedException at {outcome.Stage} without InnerException (the lower-level cause is lost): {outcome.Message}");
            }

            TryDelete(copy);
        }

        var summary = string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}"));
        Assert.True(violations.Count == 0, $"{violations.Count} of {cases.Count} corruption cases broke the contract ({summary}):\n{string.Join("\n", violations)}");
    }

    public void Dispose() => TryDelete(_work);

    private sealed record Outcome(string Kind, string? Stage = null, string? Violation = null, bool HasInner = false, string? Message = null);

    private sealed record OriginalIndex(Dictionary<string, MatchDocument> Documents, int Total);

    private static async Task<OriginalIndex> BuildAsync(string folder)
    {
        var corpus = new Corpus(42);
        var docs = new List<MatchDocument>();
        for (var i = 0; i < 12; i++)
        {
            var tenant = Tenants[i % 3];
            var visibility = (Visibility)(i % 3 == 0 ? 0 : corpus.Random.Next(3));
            docs.Add((i % 3) switch
            {
                0 => corpus.Need($"n-{i}", tenant, visibility),
                1 => corpus.Achievement($"a-{i}", tenant, visibility),
                _ => corpus.Expert($"e-{i}", tenant, visibility, [$"a-{i - 1}"]),
            });
        }

        // Every partition gets two commits, and the public one a deletion (a .del file).
        foreach (var tenant in Tenants)
        {
            docs.Add(corpus.Achievement($"pub-{tenant}", tenant, Visibility.Public));
            docs.Add(corpus.Achievement($"own-{tenant}", tenant, Visibility.Tenant));
        }

        using (var index = LuceneMatchIndex.Open(folder, new LuceneMatchIndexOptions { IndexingThreads = 1 }))
        {
            Assert.Equal(docs.Count / 2, (await index.UpsertManyAsync(docs.Take(docs.Count / 2))).Accepted);
            Assert.Equal(docs.Count - (docs.Count / 2), (await index.UpsertManyAsync(docs.Skip(docs.Count / 2))).Accepted);
            var deleted = docs.First(d => d.Visibility == Visibility.Public);
            Assert.True(await index.DeleteAsync(deleted.Id, deleted.Tenant));
            docs.Remove(deleted);
            Assert.Equal(docs.Count, (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments);
        }

        return new OriginalIndex(docs.ToDictionary(d => d.Id, StringComparer.Ordinal), docs.Count);
    }

    private static async Task<Outcome> ProbeAsync(string folder, OriginalIndex original)
    {
        var stage = "open";
        string? wrong = null;
        var probe = Task.Run(async () =>
        {
            try
            {
                using var index = LuceneMatchIndex.Open(folder);
                stage = "get";
                foreach (var (id, doc) in original.Documents)
                {
                    var actual = await index.GetAsync(id, doc.Tenant);
                    if (ResultText.Of(actual) != ResultText.Of(doc))
                    {
                        // Go on: the report says whether the later calls (VerifyAsync above all) notice.
                        wrong ??= $"Open succeeded but GetAsync({id}, {doc.Tenant}) = {ResultText.Of(actual)}; expected {ResultText.Of(doc)}";
                    }
                }

                stage = "match";
                var engine = new MatchEngine(index);
                foreach (var tenant in Tenants)
                {
                    await engine.MatchAsync(MatchRequest.ForText("钠离子电池正极材料循环容量", tenant));
                    await engine.MatchAsync(MatchRequest.ForText("陶瓷瓷砖烧成节能", tenant, DocumentKind.Achievement));
                }

                stage = "statistics";
                var total = (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments;
                if (total != original.Total)
                {
                    wrong = $"Open succeeded but GetStatisticsForAllTenantsAsync().TotalDocuments = {total}; expected {original.Total} (documents silently missing)" + (wrong is null ? string.Empty : $"; {wrong}");
                }

                stage = "verify";
                await index.VerifyAsync();
                stage = "dispose";
                return wrong is null ? new Outcome("intact") : new Outcome("wrong", stage, $"{wrong} — and VerifyAsync passed");
            }
            catch (IndexCorruptedException ex)
            {
                return wrong is null
                    ? new Outcome("corrupted", stage, HasInner: ex.InnerException is not null, Message: ex.Message)
                    : new Outcome("wrong", stage, $"{wrong} — then IndexCorruptedException at {stage}");
            }
            catch (Exception ex)
            {
                return new Outcome("other", stage, $"{ex.GetType().FullName} at {stage}: {ex.Message.Split('\n')[0]}" + (wrong is null ? string.Empty : $" (after: {wrong})"));
            }
        });
        try
        {
            return await probe.WaitAsync(ProbeTimeout);
        }
        catch (TimeoutException)
        {
            return new Outcome("hang", stage, $"no answer within {ProbeTimeout.TotalSeconds} s (hung at {stage})");
        }
    }

    /// <summary>Files whose every byte is covered by a Lucene checksum (not segments.gen, not lock files).</summary>
    private static bool IsDataFile(string file)
    {
        var name = Path.GetFileName(file);
        return name != "segments.gen" && !name.EndsWith(".lock", StringComparison.Ordinal);
    }

    private static void Flip(string path, Random random)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            File.WriteAllBytes(path, [0x5A]);
            return;
        }

        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 + random.Next(255));
        }

        File.WriteAllBytes(path, bytes);
    }

    private static void Truncate(string path, Random random)
    {
        var length = new FileInfo(path).Length;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.SetLength(length <= 1 ? 0 : random.NextInt64(1, length));
    }

    private static void ReplaceByFile(string path)
    {
        Directory.Delete(path, recursive: true);
        File.WriteAllText(path, "not a folder", Encoding.UTF8);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A hung probe may still hold files; the temp folder is left behind then.
        }
    }
}
