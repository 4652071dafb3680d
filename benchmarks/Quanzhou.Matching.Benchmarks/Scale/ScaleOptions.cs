using System.Globalization;
using Quanzhou.Matching.Benchmarks.Data;

namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>Command-line options of the <c>--scale</c> macro benchmark.</summary>
internal sealed class ScaleOptions
{
    public const string Usage = """
        usage: --scale [--corpus FILE.jsonl|DIR] [--queries FILE.tsv|needs.jsonl] [--docs N] [--out DIR]
                       [--seed 42] [--sample 1000] [--sample-seed 42] [--warmup 200] [--index DIR] [--keep-index]
                       [--threads N] [--batch 50000] [--extra-builds raw1,raw2,lib1] [--profile-docs 20000]
                       [--write-corpus FILE.jsonl] [--force-merge N]
          --corpus      corpus in the ../shared/data format (default ../shared/data/corpus.jsonl, else the demo corpus)
          --queries     qid<TAB>type<TAB>text (default ../shared/data/queries.dev.tsv, else the demo needs)
          --docs        index size; above the corpus size a synthetic corpus is made (the Java peer's synth, same seed)
          --out         folder for scale.json, scale-details.json and retrieve.run
          --extra-builds also time: raw1/raw2 = raw Lucene.Net SmartCn over title/keywords/abstract (the Java peer's
                        index) with 1/2 threads; lib1 = the library with IndexingThreads = 1
          --force-merge after the build, LuceneMatchIndex.ForceMergeAsync(N) (timed apart, like the peer's --merge)
        """;

    public string Corpus { get; private set; } = string.Empty;

    public string Queries { get; private set; } = string.Empty;

    public long? Docs { get; private set; }

    public string Out { get; private set; } = "scale-out";

    public long Seed { get; private set; } = 42;

    public int Sample { get; private set; } = 1000;

    public long SampleSeed { get; private set; } = 42;

    public int Warmup { get; private set; } = 200;

    public string? Index { get; private set; }

    public bool KeepIndex { get; private set; }

    public int Threads { get; private set; } = Environment.ProcessorCount;

    public int Batch { get; private set; } = 50_000;

    public IReadOnlySet<string> ExtraBuilds { get; private set; } = new HashSet<string>();

    public int ProfileDocs { get; private set; } = 20_000;

    public string? WriteCorpus { get; private set; }

    /// <summary>After the build, merge down to this many segments per partition (<see cref="Indexing.LuceneMatchIndex.ForceMergeAsync"/>).</summary>
    public int? ForceMerge { get; private set; }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a usable message.</summary>
    public static ScaleOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ScaleOptions();
        string? corpus = null, queries = null;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{a} needs a value.\n{Usage}");
            switch (a)
            {
                case "--scale": break;
                case "--corpus": corpus = Value(); break;
                case "--queries": queries = Value(); break;
                case "--docs": o.Docs = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--out": o.Out = Value(); break;
                case "--seed": o.Seed = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--sample": o.Sample = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--sample-seed": o.SampleSeed = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--warmup": o.Warmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--index": o.Index = Value(); break;
                case "--keep-index": o.KeepIndex = true; break;
                case "--threads": o.Threads = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--batch": o.Batch = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--extra-builds": o.ExtraBuilds = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(); break;
                case "--profile-docs": o.ProfileDocs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--write-corpus": o.WriteCorpus = Value(); break;
                case "--force-merge": o.ForceMerge = int.Parse(Value(), CultureInfo.InvariantCulture) is var m and >= 1 ? m : throw new ArgumentException($"--force-merge needs a segment count of 1 or more.\n{Usage}"); break;
                default: throw new ArgumentException($"Unknown option '{a}'.\n{Usage}");
            }
        }

        if (o.Docs is < 1 || o.Sample < 1 || o.Threads < 1 || o.Batch < 1 || o.Warmup < 0)
        {
            throw new ArgumentException($"--docs, --sample, --threads and --batch must be positive, --warmup not negative.\n{Usage}");
        }

        o.Corpus = RequireExisting(corpus, BenchmarkData.DefaultCorpus, "--corpus");
        o.Queries = RequireExisting(queries, BenchmarkData.DefaultQueries, "--queries");
        return o;
    }

    private static string RequireExisting(string? given, string fallback, string option)
    {
        var path = Path.GetFullPath(given ?? fallback);
        if (!File.Exists(path) && !System.IO.Directory.Exists(path))
        {
            throw new FileNotFoundException(given is null
                ? $"The default data for {option} is missing: {path} (neither ../shared/data nor the demo corpus was found)."
                : $"{option}: no such file: {path}");
        }

        return path;
    }
}
