using System.Diagnostics;
using System.Text.Json.Nodes;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>
/// Where one thread's build time goes, stage by stage, on the library's own code paths: normalisation, SmartCn words
/// (+ lexicon), CJK bigrams, and Lucene indexing of the mapped document — with and without the bigram fields, which
/// separates the cost of the second analysis from a SmartCn-only build.
/// </summary>
internal static class BuildProfile
{
    public static JsonObject Run(IReadOnlyList<MatchDocument> documents)
    {
        var analyzer = SmartCnTextAnalyzer.Default;
        analyzer.Warmup();
        var texts = documents.Select(d => d.GetSearchText()).ToArray();
        var chars = texts.Sum(t => (long)t.Length);

        var clock = Stopwatch.StartNew();
        var normalized = texts.Select(analyzer.Normalize).ToArray();
        var normalizeSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var words = normalized.Select(analyzer.AnalyzeWordsNormalized).ToArray();
        var wordsSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var bigrams = normalized.Select(analyzer.AnalyzeBigramsNormalized).ToArray();
        var bigramsSeconds = clock.Elapsed.TotalSeconds;

        var analyzed = documents.Select((d, i) => new AnalyzedDocument(d, normalized[i], words[i], bigrams[i])).ToArray();
        _ = Index(analyzed.Take(500).ToArray(), withBigrams: true, out _); // JIT warm-up of the indexing chain
        // Alternate the two variants and keep each one's faster run, so neither gains from running second.
        var indexAll = Index(analyzed, withBigrams: true, out var filesAll);
        var indexWords = Index(analyzed, withBigrams: false, out var filesWords);
        indexAll = Math.Min(indexAll, Index(analyzed, withBigrams: true, out _));
        indexWords = Math.Min(indexWords, Index(analyzed, withBigrams: false, out _));
        var total = normalizeSeconds + wordsSeconds + bigramsSeconds + indexAll;
        var smartCnOnly = normalizeSeconds + wordsSeconds + indexWords;
        return new JsonObject
        {
            ["what"] = "one thread, in memory (RAMDirectory), the library's internal stages on the first documents of the corpus",
            ["docs"] = documents.Count,
            ["chars"] = chars,
            ["normalize_seconds"] = Math.Round(normalizeSeconds, 3),
            ["words_seconds"] = Math.Round(wordsSeconds, 3),
            ["bigrams_seconds"] = Math.Round(bigramsSeconds, 3),
            ["lucene_index_seconds"] = Math.Round(indexAll, 3),
            ["lucene_index_words_only_seconds"] = Math.Round(indexWords, 3),
            ["total_seconds"] = Math.Round(total, 3),
            ["docs_per_second"] = Math.Round(documents.Count / total, 1),
            ["smartcn_only_docs_per_second"] = Math.Round(documents.Count / smartCnOnly, 1),
            ["index_bytes_by_extension_no_compound"] = filesAll,
            ["index_bytes_by_extension_no_compound_words_only"] = filesWords,
            ["normalize_chars_per_second"] = Math.Round(chars / normalizeSeconds),
            ["words_chars_per_second"] = Math.Round(chars / wordsSeconds),
            ["bigrams_chars_per_second"] = Math.Round(chars / bigramsSeconds),
        };
    }

    private static double Index(AnalyzedDocument[] analyzed, bool withBigrams, out JsonObject files)
    {
        GC.Collect();
        using var directory = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()) { Similarity = new BM25Similarity(), RAMBufferSizeMB = 64, UseCompoundFile = false };
        config.MergePolicy.NoCFSRatio = 0; // separate files, so the sizes show stored fields vs postings vs norms
        var clock = Stopwatch.StartNew();
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var a in analyzed)
            {
                var doc = DocumentMapper.ToLucene(a);
                if (!withBigrams)
                {
                    doc.RemoveFields(IndexFields.Bigrams);
                    doc.RemoveFields(IndexFields.StoredBigrams);
                }

                writer.UpdateDocument(new Term(IndexFields.Id, a.Document.Id), doc);
            }

            writer.Commit();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        files = new JsonObject();
        foreach (var g in directory.ListAll().GroupBy(f => Path.GetExtension(f) is { Length: > 0 } e ? e : f).OrderByDescending(g => g.Sum(directory.FileLength)))
        {
            files[g.Key] = g.Sum(directory.FileLength);
        }

        return seconds;
    }
}
