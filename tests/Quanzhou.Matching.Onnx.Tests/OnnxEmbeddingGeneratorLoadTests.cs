namespace Quanzhou.Matching.Onnx.Tests;

/// <summary>The constructor's checks of the model and vocabulary files.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class OnnxEmbeddingGeneratorLoadTests(MiniLmModel model)
{
    [Fact]
    public void Constructor_MissingModel_ThrowsFileNotFoundExceptionWithThePath()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "model.onnx");

        var e = Assert.Throws<FileNotFoundException>(() => new OnnxEmbeddingGenerator(
            new OnnxEmbeddingOptions { ModelPath = missing, VocabularyPath = model.VocabularyPath }));

        Assert.Equal(missing, e.FileName);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingVocabulary_ThrowsFileNotFoundExceptionWithThePath()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "vocab.txt");

        var e = Assert.Throws<FileNotFoundException>(() => new OnnxEmbeddingGenerator(
            new OnnxEmbeddingOptions { ModelPath = model.ModelPath, VocabularyPath = missing }));

        Assert.Equal(missing, e.FileName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_NoModelPath_ThrowsArgumentException(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => new OnnxEmbeddingGenerator(
            new OnnxEmbeddingOptions { ModelPath = path, VocabularyPath = model.VocabularyPath }));

        Assert.Equal("options", e.ParamName);
        Assert.Contains("ModelPath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullOptions_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>("options", () => new OnnxEmbeddingGenerator(null!));

    [Theory]
    [InlineData("this is not a protobuf")]
    [InlineData("")]
    [InlineData("\u0008\u0007\u003a\u0002")]
    public void Constructor_FileThatIsNotAnOnnxModel_ThrowsInvalidOperationExceptionNamingIt(string content)
    {
        using var folder = new TempFolder();
        var notAModel = folder.Write("model.onnx", content);

        var e = Assert.Throws<InvalidOperationException>(() => new OnnxEmbeddingGenerator(
            new OnnxEmbeddingOptions { ModelPath = notAModel, VocabularyPath = model.VocabularyPath }));

        Assert.Contains(notAModel, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_VocabularyWithoutSpecialTokens_ThrowsInvalidOperationExceptionNamingIt()
    {
        using var folder = new TempFolder();
        var vocabulary = folder.WriteLines("vocab.txt", ["hello", "world"]);

        var e = Assert.Throws<InvalidOperationException>(() => new OnnxEmbeddingGenerator(
            new OnnxEmbeddingOptions { ModelPath = model.ModelPath, VocabularyPath = vocabulary }));

        Assert.Contains(vocabulary, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MaxSequenceLengthAboveTheModelsConfig_ThrowsArgumentException()
    {
        using var folder = new TempFolder();
        var modelPath = Path.Combine(folder.Path, "model.onnx");
        File.Copy(model.ModelPath, modelPath);
        folder.Write("config.json", """{ "model_type": "bert", "max_position_embeddings": 512, "hidden_size": 384 }""");

        var e = Assert.Throws<ArgumentException>(() => new OnnxEmbeddingGenerator(
            new OnnxEmbeddingOptions { ModelPath = modelPath, VocabularyPath = model.VocabularyPath, MaxSequenceLength = 513 }));
        using var atLimit = new OnnxEmbeddingGenerator(
            new OnnxEmbeddingOptions { ModelPath = modelPath, VocabularyPath = model.VocabularyPath, MaxSequenceLength = 512 });

        Assert.Equal("options", e.ParamName);
        Assert.Contains("512", e.Message, StringComparison.Ordinal);
    }
}
