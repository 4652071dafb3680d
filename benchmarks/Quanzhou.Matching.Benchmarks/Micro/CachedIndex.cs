using Quanzhou.Matching.Benchmarks.Data;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// On-disk library indexes of the default data, built once and reused by every benchmark process (BenchmarkDotNet
/// runs each case in its own process) under the temp folder.
/// </summary>
internal static class CachedIndex
{
    /// <summary>The library's index layout; a cached index of another layout is not reused (v2: analysed fields without positions, compact stored bigrams).</summary>
    private const string Layout = "v2";

    public static string Get(int docs)
    {
        var path = Path.Combine(BenchmarkData.CacheFolder, $"index-{Layout}-{BenchmarkData.DefaultName.Replace('/', '-')}-{docs}");
        if (File.Exists(path + ".ready"))
        {
            return path;
        }

        var building = path + ".building-" + Environment.ProcessId;
        using (var index = LuceneMatchIndex.Open(building))
        {
            var result = index.UpsertManyAsync(BenchmarkData.Records(docs).Select(r => r.ToMatchDocument()).ToList()).GetAwaiter().GetResult();
            if (result.Rejected > 0)
            {
                throw new InvalidOperationException($"{result.Rejected} documents were rejected while building the benchmark index.");
            }
        }

        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.Move(building, path);
        File.WriteAllText(path + ".ready", DateTimeOffset.Now.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        return path;
    }
}
