using Microsoft.Extensions.AI;

namespace Quanzhou.Matching.Onnx.Tests;

/// <summary>
/// The generator on graphs of other shapes than MiniLM's (<see cref="TinyOnnxModel"/>: the hidden state of a token is
/// its id). Vocabulary ids: [PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3, 企 4, 业 5, 技 6, 术 7, 需 8.
/// </summary>
public sealed class OnnxEmbeddingGeneratorSignatureTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _vocabulary;
    private readonly string _model;

    public OnnxEmbeddingGeneratorSignatureTests()
    {
        _vocabulary = _folder.WriteLines("vocab.txt", ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "企", "业", "技", "术", "需", "[MASK]"]);
        _model = Path.Combine(_folder.Path, "model.onnx");
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MeanPooling_InABatchOfMixedLengths_AveragesOnlyTheRealTokens(bool int32Inputs)
    {
        TinyOnnxModel.WriteHiddenStates(_model, ["input_ids", "attention_mask"], int32: int32Inputs);
        using var generator = Create(OnnxPooling.Mean);

        var vectors = await generator.GenerateAsync(["企业", "企业技术需"]);

        // [CLS] 企 业 [SEP] = 2 4 5 3; padded to seven tokens the mean would be 2, not 3.5.
        Assert.Equal([3.5f], vectors[0].Vector.ToArray());
        Assert.Equal([(2 + 4 + 5 + 6 + 7 + 8 + 3) / 7f], vectors[1].Vector.ToArray());
    }

    [Fact]
    public async Task ClsPooling_IsTheClsTokensState()
    {
        TinyOnnxModel.WriteHiddenStates(_model, ["input_ids", "attention_mask", "token_type_ids"]);
        using var generator = Create(OnnxPooling.Cls);

        var vectors = await generator.GenerateAsync(["企业", "需"]);

        Assert.Equal([2f], vectors[0].Vector.ToArray());
        Assert.Equal([2f], vectors[1].Vector.ToArray());
    }

    [Fact]
    public async Task ModelWithOnlyInputIds_IsFedOnlyThem()
    {
        TinyOnnxModel.WriteHiddenStates(_model, ["input_ids"], output: "token_embeddings");
        using var generator = Create(OnnxPooling.Mean);

        var vectors = await generator.GenerateAsync(["企业"]);

        Assert.Equal([3.5f], vectors[0].Vector.ToArray());
    }

    [Fact]
    public async Task DynamicHiddenSize_IsFoundByARunAtConstruction()
    {
        TinyOnnxModel.WriteHiddenStates(_model, ["input_ids", "attention_mask"], dynamicHidden: true);
        using var generator = Create(OnnxPooling.Mean);

        Assert.Equal(1, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
        var vectors = await generator.GenerateAsync(["企"]);
        Assert.Single(vectors[0].Vector.ToArray());
    }

    [Fact]
    public async Task PooledOutput_IsUsedAsItIsWhateverThePooling()
    {
        TinyOnnxModel.WritePooled(_model);
        using var generator = Create(OnnxPooling.Cls);

        var vectors = await generator.GenerateAsync(["企业", "需"]);

        // The graph's own pooling (the largest id), not the [CLS] state.
        Assert.Equal([5f], vectors[0].Vector.ToArray());
        Assert.Equal([8f], vectors[1].Vector.ToArray());
    }

    [Fact]
    public async Task FixedSequenceLength_PadsToItAndLimitsMaxSequenceLength()
    {
        TinyOnnxModel.WriteHiddenStates(_model, ["input_ids", "attention_mask"], fixedSequence: 6);

        var e = Assert.Throws<ArgumentException>(() => Create(OnnxPooling.Mean));
        using var generator = Create(OnnxPooling.Mean, maxSequenceLength: 6);
        var vectors = await generator.GenerateAsync(["企业", "企业技术需"]);

        Assert.Contains("at most 6", e.Message, StringComparison.Ordinal);
        Assert.Equal([3.5f], vectors[0].Vector.ToArray());
        Assert.Equal([(2 + 4 + 5 + 6 + 7 + 3) / 6f], vectors[1].Vector.ToArray());
    }

    [Fact]
    public void UnknownInput_ThrowsInvalidOperationExceptionNamingTheModelAndTheInput()
    {
        TinyOnnxModel.WriteHiddenStates(_model, ["input_ids", "attention_mask", "position_ids"]);

        var e = Assert.Throws<InvalidOperationException>(() => Create(OnnxPooling.Mean));

        Assert.Contains(_model, e.Message, StringComparison.Ordinal);
        Assert.Contains("position_ids", e.Message, StringComparison.Ordinal);
    }

    private OnnxEmbeddingGenerator Create(OnnxPooling pooling, int maxSequenceLength = 512) => new(new OnnxEmbeddingOptions
    {
        ModelPath = _model, VocabularyPath = _vocabulary, Pooling = pooling, Normalize = false, MaxSequenceLength = maxSequenceLength,
    });
}
