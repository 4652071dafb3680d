namespace Quanzhou.Matching.Benchmarks.Data;

/// <summary>
/// Where the benchmark data comes from: <c>../shared/data</c> next to the repository when present (the public
/// evaluation corpus and dev queries), otherwise the bundled demo corpus (<c>samples/Quickstart/Data</c>, its needs as
/// queries).
/// </summary>
internal static class BenchmarkData
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string SharedDataFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string DemoFolder => Path.Combine(RepositoryRoot, "samples", "Quickstart", "Data");

    public static bool HasSharedData => File.Exists(Path.Combine(SharedDataFolder, "corpus.jsonl"));

    /// <summary>The default corpus: a file, or the demo folder (all its JSONL files).</summary>
    public static string DefaultCorpus => HasSharedData ? Path.Combine(SharedDataFolder, "corpus.jsonl") : DemoFolder;

    /// <summary>The default queries: the dev split, or the demo needs.</summary>
    public static string DefaultQueries => HasSharedData ? Path.Combine(SharedDataFolder, "queries.dev.tsv") : Path.Combine(DemoFolder, "needs.jsonl");

    /// <summary>A short name of the default data, for reports.</summary>
    public static string DefaultName => HasSharedData ? "shared/data" : "demo";

    /// <summary>Scratch space for cached benchmark indexes (kept out of the repository).</summary>
    public static string CacheFolder => Path.Combine(Path.GetTempPath(), "quanzhou-matching-bench");

    private static readonly Lazy<List<CorpusRecord>> DefaultRecords = new(() => CorpusReader.Read(DefaultCorpus).ToList());

    private static readonly Lazy<SyntheticCorpus> DefaultSynthetic = new(() => SyntheticCorpus.From(DefaultRecords.Value));

    /// <summary>
    /// The first <paramref name="count"/> records of the default corpus, or a synthetic corpus of that size (seed 42)
    /// when it is larger than the corpus.
    /// </summary>
    public static List<CorpusRecord> Records(int count) => count <= DefaultRecords.Value.Count
        ? DefaultRecords.Value.GetRange(0, count)
        : DefaultSynthetic.Value.Generate(count, 42).ToList();

    /// <summary>The first <paramref name="count"/> default queries (fewer when there are fewer).</summary>
    public static List<BenchmarkQuery> Queries(int count) => BenchmarkQuery.ReadFile(DefaultQueries).Take(count).ToList();

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Quanzhou.Matching.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Cannot find the repository root (Quanzhou.Matching.sln) above the benchmark's folder or the current folder.");
    }
}
