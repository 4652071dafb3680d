using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quanzhou.Matching.Benchmarks.Data;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>
/// The <c>--scale</c> macro benchmark: builds an on-disk index of N documents through the library's public API
/// (<see cref="LuceneMatchIndex.Open"/> + <see cref="MatchIndex.UpsertManyAsync"/>), then serves it from a fresh child
/// process (<see cref="ServeRunner"/>), and writes <c>scale.json</c> (the keys of issue 4, nothing else) and
/// <c>scale-details.json</c> (everything behind them).
/// </summary>
internal static class ScaleRunner
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(ScaleOptions o)
    {
        System.IO.Directory.CreateDirectory(o.Out);
        var details = new JsonObject
        {
            ["date"] = DateTimeOffset.Now.ToString("o", CultureInfo.InvariantCulture),
            ["machine"] = Machine(),
            ["corpus"] = o.Corpus,
            ["queries"] = o.Queries,
        };

        // 1. The corpus: the first N records, or the peer's synthetic recombination up to N.
        var records = CorpusReader.Read(o.Corpus).ToList();
        var docs = o.Docs ?? records.Count;
        var synthetic = docs > records.Count ? SyntheticCorpus.From(records) : null;
        IEnumerable<CorpusRecord> Source() => synthetic?.Generate(docs, o.Seed) ?? records.Take((int)docs);
        details["corpus_records"] = records.Count;
        details["synthetic"] = synthetic is null ? "no: the first N corpus records" : $"yes: recombined sentences of {synthetic.SourceDocuments} source documents, seed {o.Seed} (the Java peer's synth)";
        Console.WriteLine($"scale: {docs:N0} documents from {o.Corpus} ({(synthetic is null ? "corpus records" : "synthetic, seed " + o.Seed)})");
        if (o.WriteCorpus is { } corpusOut)
        {
            WriteCorpus(corpusOut, Source());
            Console.WriteLine($"scale: corpus written to {corpusOut}");
        }

        var chars = Source().Sum(r => (long)r.Chars);
        details["corpus_chars"] = chars;

        // 2. The library's build, on disk, with its default parallel analysis.
        var indexPath = o.Index ?? Path.Combine(Path.GetTempPath(), $"qzm-scale-{docs}-{Environment.ProcessId}");
        if (System.IO.Directory.Exists(indexPath) && System.IO.Directory.EnumerateFileSystemEntries(indexPath).Any())
        {
            throw new IOException($"--index {indexPath} is not empty; give an empty or new folder.");
        }

        var contention = new CpuContention();
        var build = await BuildLibraryAsync(indexPath, Source(), docs, o.Threads, o.Batch);
        build["cpu"] = contention.Stop();
        if (o.ForceMerge is { } maxSegments)
        {
            build["force_merge"] = await ForceMergeAsync(indexPath, maxSegments);
        }

        details["build"] = build;
        try
        {
            // 3. Extra builds for like-for-like comparisons, each into its own scratch folder.
            var extras = new JsonObject();
            foreach (var name in new[] { "raw1", "raw2", "lib1" }.Where(o.ExtraBuilds.Contains))
            {
                var scratch = Path.Combine(Path.GetTempPath(), $"qzm-scale-{name}-{docs}-{Environment.ProcessId}");
                try
                {
                    var cpu = new CpuContention();
                    var extra = name == "lib1"
                        ? await BuildLibraryAsync(scratch, Source(), docs, 1, o.Batch)
                        : BuildRaw(scratch, Source(), docs, name == "raw1" ? 1 : 2);
                    extra["cpu"] = cpu.Stop();
                    extras[name] = extra;
                }
                finally
                {
                    TryDelete(scratch);
                }
            }

            details["extra_builds"] = extras;
            if (o.ProfileDocs > 0)
            {
                details["build_profile_1_thread"] = BuildProfile.Run(Source().Take(o.ProfileDocs).Select(r => r.ToMatchDocument()).ToList());
            }

            // 4. Serving, in a fresh process.
            var serveCpu = new CpuContention();
            var serve = await ServeAsync(indexPath, o);
            serve["cpu"] = serveCpu.Stop(serve["process_cpu_seconds"]!.GetValue<double>());
            details["serve"] = serve;

            details["loadavg_at_end"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
            var scale = new JsonObject
            {
                ["docs"] = docs,
                ["build_seconds"] = build["seconds"]!.GetValue<double>(),
                ["docs_per_second"] = build["docs_per_second"]!.GetValue<double>(),
                ["index_bytes"] = (build["force_merge"] ?? build)["index_bytes"]!.GetValue<long>(),
                ["force_merge_seconds"] = build["force_merge"]?["seconds"]?.GetValue<double>(),
                ["segments"] = serve["segments"]!.GetValue<int>(),
                ["peak_rss_bytes"] = serve["serve_peak_rss_bytes"]!.GetValue<long>(),
                ["startup_ms"] = Math.Round(serve["startup_ms"]!.GetValue<double>(), 1),
                ["retrieve_p50_ms"] = serve["retrieve_1"]!["p50_ms"]!.GetValue<double>(),
                ["retrieve_p95_ms"] = serve["retrieve_1"]!["p95_ms"]!.GetValue<double>(),
                ["retrieve_p99_ms"] = serve["retrieve_1"]!["p99_ms"]!.GetValue<double>(),
                ["match_p50_ms"] = serve["match_1"]!["p50_ms"]!.GetValue<double>(),
                ["match_p95_ms"] = serve["match_1"]!["p95_ms"]!.GetValue<double>(),
                ["match_p99_ms"] = serve["match_1"]!["p99_ms"]!.GetValue<double>(),
                ["two_callers"] = new JsonObject
                {
                    ["retrieve_p50_ms"] = serve["retrieve_2"]!["p50_ms"]!.GetValue<double>(),
                    ["retrieve_p95_ms"] = serve["retrieve_2"]!["p95_ms"]!.GetValue<double>(),
                    ["retrieve_p99_ms"] = serve["retrieve_2"]!["p99_ms"]!.GetValue<double>(),
                    ["match_p50_ms"] = serve["match_2"]!["p50_ms"]!.GetValue<double>(),
                    ["match_p95_ms"] = serve["match_2"]!["p95_ms"]!.GetValue<double>(),
                    ["match_p99_ms"] = serve["match_2"]!["p99_ms"]!.GetValue<double>(),
                },
            };
            await File.WriteAllTextAsync(Path.Combine(o.Out, "scale.json"), scale.ToJsonString(Indented) + "\n");
            await File.WriteAllTextAsync(Path.Combine(o.Out, "scale-details.json"), details.ToJsonString(Indented) + "\n");
            Console.WriteLine(scale.ToJsonString(Indented));
            Console.WriteLine($"scale: wrote {Path.GetFullPath(Path.Combine(o.Out, "scale.json"))} and scale-details.json");
            return 0;
        }
        finally
        {
            if (!o.KeepIndex && o.Index is null)
            {
                TryDelete(indexPath);
            }
        }
    }

    /// <summary>The optional merge after the build, timed apart from it (as the peer's <c>--merge</c> is).</summary>
    private static async Task<JsonObject> ForceMergeAsync(string path, int maxSegments)
    {
        var clock = Stopwatch.StartNew();
        using (var index = LuceneMatchIndex.Open(path))
        {
            await index.ForceMergeAsync(maxSegments);
        }

        var bytes = RawLuceneIndexer.DirectoryBytes(path);
        Console.WriteLine($"  force merge to {maxSegments} segment(s): {clock.Elapsed.TotalSeconds:0.0} s, {bytes / 1048576.0:0.0} MiB");
        return new JsonObject
        {
            ["max_segments"] = maxSegments,
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            ["index_bytes"] = bytes,
            ["index_bytes_by_extension"] = BytesByExtension(path),
        };
    }

    private static async Task<JsonObject> BuildLibraryAsync(string path, IEnumerable<CorpusRecord> source, long docs, int threads, int batchSize)
    {
        var resetPeak = ProcessMemory.ResetPeak();
        var clock = Stopwatch.StartNew();
        double makeSeconds = 0;
        long accepted = 0, rejected = 0;
        using (var index = LuceneMatchIndex.Open(path, new LuceneMatchIndexOptions { IndexingThreads = threads }))
        {
            foreach (var chunk in source.Chunk(batchSize))
            {
                var make = Stopwatch.StartNew();
                var batch = chunk.Select(r => r.ToMatchDocument()).ToList();
                makeSeconds += make.Elapsed.TotalSeconds;
                var result = await index.UpsertManyAsync(batch);
                accepted += result.Accepted;
                rejected += result.Rejected;
                Console.WriteLine($"  library build ({threads} thread(s)): {accepted + rejected:N0}/{docs:N0} docs, {clock.Elapsed.TotalSeconds:0.0} s, RSS {ProcessMemory.RssBytes() / 1048576} MiB");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = RawLuceneIndexer.DirectoryBytes(path);
        Console.WriteLine($"  library build ({threads} thread(s)): {seconds:0.0} s, {accepted / seconds:0} docs/s, {bytes / 1048576.0:0.0} MiB");
        return new JsonObject
        {
            ["what"] = $"library: LuceneMatchIndex.Open + UpsertManyAsync in batches of {batchSize} (each commits), IndexingThreads = {threads}; normalise + SmartCn words + lexicon + CJK bigrams, stored fields",
            ["threads"] = threads,
            ["seconds"] = Math.Round(seconds, 2),
            ["docs_per_second"] = Math.Round(accepted / seconds, 1),
            ["accepted"] = accepted,
            ["rejected"] = rejected,
            ["make_documents_seconds"] = Math.Round(makeSeconds, 2),
            ["index_bytes"] = bytes,
            ["index_bytes_by_extension"] = BytesByExtension(path),
            ["peak_rss_bytes"] = ProcessMemory.PeakRssBytes(),
            ["peak_rss_reset"] = resetPeak,
        };
    }

    private static JsonObject BuildRaw(string path, IEnumerable<CorpusRecord> source, long docs, int threads)
    {
        var resetPeak = ProcessMemory.ResetPeak();
        var clock = Stopwatch.StartNew();
        using (var directory = RawLuceneIndexer.OpenDirectory(path))
        {
            RawLuceneIndexer.Build(directory, source, threads);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = RawLuceneIndexer.DirectoryBytes(path);
        Console.WriteLine($"  raw Lucene.Net SmartCn build ({threads} thread(s)): {seconds:0.0} s, {docs / seconds:0} docs/s, {bytes / 1048576.0:0.0} MiB");
        return new JsonObject
        {
            ["what"] = "raw Lucene.Net 4.8: SmartChineseAnalyzer over title/keywords/abstract, stored id only (the Java peer's default index)",
            ["threads"] = threads,
            ["seconds"] = Math.Round(seconds, 2),
            ["docs_per_second"] = Math.Round(docs / seconds, 1),
            ["index_bytes"] = bytes,
            ["index_bytes_by_extension"] = BytesByExtension(path),
            ["peak_rss_bytes"] = ProcessMemory.PeakRssBytes(),
            ["peak_rss_reset"] = resetPeak,
        };
    }

    private static async Task<JsonObject> ServeAsync(string indexPath, ScaleOptions o)
    {
        var resultPath = Path.Combine(Path.GetTempPath(), $"qzm-serve-{Environment.ProcessId}.json");
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this program's path.");
        var psi = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var a in new[]
        {
            ServeRunner.Flag, "--index", indexPath, "--queries", o.Queries, "--sample", o.Sample.ToString(CultureInfo.InvariantCulture),
            "--sample-seed", o.SampleSeed.ToString(CultureInfo.InvariantCulture), "--warmup", o.Warmup.ToString(CultureInfo.InvariantCulture),
            "--result", resultPath, "--run", Path.Combine(o.Out, "retrieve.run"),
        })
        {
            psi.ArgumentList.Add(a);
        }

        using var child = Process.Start(psi) ?? throw new InvalidOperationException("Cannot start the serving process.");
        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || !File.Exists(resultPath))
        {
            throw new InvalidOperationException($"The serving process failed (exit code {child.ExitCode}).");
        }

        var result = JsonNode.Parse(await File.ReadAllTextAsync(resultPath))!.AsObject();
        File.Delete(resultPath);
        return result;
    }

    private static void WriteCorpus(string path, IEnumerable<CorpusRecord> records)
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var writer = new StreamWriter(path);
        foreach (var r in records)
        {
            writer.Write(JsonSerializer.Serialize(new { id = r.Id, title = r.Title, keywords = r.Keywords, @abstract = r.Abstract, discipline = r.Discipline, category = r.Category }, options));
            writer.Write('\n');
        }
    }

    private static JsonObject BytesByExtension(string path)
    {
        var result = new JsonObject();
        foreach (var g in new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).GroupBy(f => f.Extension.Length == 0 ? f.Name : f.Extension).OrderByDescending(g => g.Sum(f => f.Length)))
        {
            result[g.Key] = g.Sum(f => f.Length);
        }

        return result;
    }

    private static JsonObject Machine() => new()
    {
        ["processors"] = Environment.ProcessorCount,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["memory_bytes"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        ["loadavg_at_start"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
    };

    private static void TryDelete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // scratch space; the OS cleans /tmp eventually
        }
    }
}
