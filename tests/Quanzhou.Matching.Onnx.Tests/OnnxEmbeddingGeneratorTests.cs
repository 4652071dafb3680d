using System.Numerics.Tensors;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Quanzhou.Matching.Onnx.Tests;

[Collection(MiniLmCollection.Name)]
public sealed class OnnxEmbeddingGeneratorTests(MiniLmModel model)
{
    private static readonly string[] MixedLengths =
    [
        "A man is eating food.",
        "The new movie is awesome",
        "A man is riding a white horse on an enclosed ground.",
        "cats",
        "Two men pushed carts through the woods while a woman was playing the violin in the park near the river.",
        "企业技术需求",
        "",
        "A monkey is playing drums.",
        "The quick brown fox jumps over the lazy dog, and then it runs back home to sleep for the rest of the day.",
    ];

    [Fact]
    public async Task GenerateAsync_EnglishSentences_MatchTheSentenceTransformersMiniLmPackage()
    {
        string[] sentences =
        [
            "A man is eating food.",
            "A man is eating a piece of bread.",
            "The new movie is awesome",
            "A man is riding a horse.",
            "The cat sits outside",
            "Two men are playing chess in the park",
        ];

        var expected = model.Reference.Encode(sentences);
        var actual = await model.Generator.EmbedAsync(sentences);

        Assert.Equal(sentences.Length, actual.Length);
        for (var i = 0; i < sentences.Length; i++)
        {
            Assert.Equal(384, actual[i].Length);
            Vectors.Close(expected[i], actual[i], 1e-4f, sentences[i]);
        }
    }

    [Theory]
    [InlineData("A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse.", "The new movie is awesome")]
    [InlineData("A woman is playing the guitar.", "A woman plays a guitar.", "A man is eating pasta.", "The stock market fell sharply today.")]
    [InlineData("The cat sits outside", "The cat is sitting outdoors", "The new movie is awesome", "A plane is taking off.")]
    [InlineData("How do I reset my password?", "I forgot my password and need to change it.", "What is the capital of France?", "Bananas are rich in potassium.")]
    public async Task GenerateAsync_Paraphrases_ScoreAboveUnrelatedSentences(string text, string paraphrase, string unrelated, string otherUnrelated)
    {
        var e = await model.Generator.GenerateAsync([text, paraphrase, unrelated, otherUnrelated]);

        var similar = Vectors.Cosine(e[0], e[1]);
        Assert.True(similar > Vectors.Cosine(e[0], e[2]), $"'{text}' ~ '{paraphrase}' {similar} vs '{unrelated}' {Vectors.Cosine(e[0], e[2])}");
        Assert.True(similar > Vectors.Cosine(e[2], e[3]), $"'{text}' ~ '{paraphrase}' {similar} vs '{unrelated}' ~ '{otherUnrelated}' {Vectors.Cosine(e[2], e[3])}");
    }

    [Fact]
    public async Task GenerateAsync_BatchSize16_EqualsOneTextAtATime()
    {
        using var oneByOne = model.Create(o => o.BatchSize = 1);
        using var batched = model.Create(o => o.BatchSize = 16);

        var expected = await oneByOne.EmbedAsync(MixedLengths);
        var actual = await batched.EmbedAsync(MixedLengths);

        for (var i = 0; i < MixedLengths.Length; i++)
        {
            Vectors.Close(expected[i], actual[i], 1e-5f, $"'{MixedLengths[i]}'");
        }
    }

    [Fact]
    public async Task GenerateAsync_OneIntraOpThread_GivesTheSameVectors()
    {
        using var oneThread = model.Create(o => o.IntraOpThreads = 1);

        var expected = await model.Generator.EmbedAsync(MixedLengths);
        var actual = await oneThread.EmbedAsync(MixedLengths);

        for (var i = 0; i < MixedLengths.Length; i++)
        {
            Vectors.Close(expected[i], actual[i], 1e-5f, $"'{MixedLengths[i]}'");
        }
    }

    [Fact]
    public async Task GenerateAsync_ClsPooling_IsTheFirstTokensHiddenState()
    {
        using var cls = model.Create(o => { o.Pooling = OnnxPooling.Cls; o.Normalize = false; });
        var session = (InferenceSession)cls.GetService(typeof(InferenceSession))!;
        var tokenizer = (BertTokenizer)cls.GetService(typeof(BertTokenizer))!;
        var ids = tokenizer.EncodeToIds("A man is eating food.").Select(i => (long)i).ToArray();
        long[] shape = [1, ids.Length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(ids.Select(_ => 1L).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(
            runOptions,
            new Dictionary<string, OrtValue> { ["input_ids"] = inputIds, ["attention_mask"] = mask, ["token_type_ids"] = types },
            ["last_hidden_state"]);

        var actual = (await cls.EmbedAsync("A man is eating food."))[0];

        Vectors.Close(outputs[0].GetTensorDataAsSpan<float>()[..384], actual, 1e-5f, "[CLS] vector");
        var mean = (await model.Generator.EmbedAsync("A man is eating food."))[0];
        SentencePooling.Normalize(actual);
        Assert.True(TensorPrimitives.Distance(mean, actual) > 0.1f, "CLS pooling gave the mean-pooled vector");
    }

    [Fact]
    public async Task GenerateAsync_NormalizeFalse_GivesTheSameDirectionWithoutUnitLength()
    {
        using var raw = model.Create(o => o.Normalize = false);

        var unnormalised = (await raw.EmbedAsync("A man is eating food."))[0];
        var normalised = (await model.Generator.EmbedAsync("A man is eating food."))[0];

        Assert.InRange(TensorPrimitives.Norm(normalised), 0.9999f, 1.0001f);
        Assert.False(MathF.Abs(TensorPrimitives.Norm(unnormalised) - 1) < 1e-3f, "Normalize = false still gave a unit vector");
        SentencePooling.Normalize(unnormalised);
        Vectors.Close(normalised, unnormalised, 1e-6f, "direction");
    }

    [Fact]
    public async Task GenerateAsync_TextLongerThanMaxSequenceLength_EqualsItsTruncatedPrefix()
    {
        // One word piece per word, so the first 14 words are exactly the 16 - 2 pieces kept besides [CLS] and [SEP].
        var words = Enumerable.Range(0, 40).Select(i => new[] { "the", "man", "is", "eating", "food", "in", "a", "big", "house" }[i % 9]).ToArray();
        var text = string.Join(' ', words);
        var prefix = string.Join(' ', words.Take(14));
        using var short16 = model.Create(o => o.MaxSequenceLength = 16);

        var truncated = await short16.GenerateAsync([text]);
        var ofPrefix = (await model.Generator.EmbedAsync(prefix))[0];
        var whole = (await model.Generator.EmbedAsync(text))[0];

        Assert.Equal(16, truncated.Usage!.InputTokenCount);
        Vectors.Close(ofPrefix, truncated[0].Vector.Span, 1e-5f, "truncated text vs its prefix");
        Assert.True(TensorPrimitives.Distance(whole, truncated[0].Vector.Span) > 1e-3f, "the whole text embedded the same as its prefix");
    }

    [Fact]
    public async Task GenerateAsync_TextOverTheDefault512Tokens_IsTruncatedAndEmbedded()
    {
        var text = string.Join(' ', Enumerable.Repeat("technology transfer between companies and universities", 150));

        var embeddings = await model.Generator.GenerateAsync([text, "short"]);

        Assert.Equal(512 + 3, embeddings.Usage!.InputTokenCount);
        Assert.Equal(384, embeddings[0].Vector.Length);
        Assert.InRange(TensorPrimitives.Norm(embeddings[0].Vector.Span), 0.9999f, 1.0001f);
    }

    [Fact]
    public async Task GenerateAsync_ChineseText_FeedsOneTokenPerCharacter()
    {
        var embeddings = await model.Generator.GenerateAsync(["企业技术需求"]);

        Assert.Equal(6 + 2, embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_TextWithLoneSurrogateOrNoncharacter_EmbedsAsWithoutThem()
    {
        // The tokenizer's NFD throws on these; BERT's cleaning drops them.
        var embeddings = await model.Generator.EmbedAsync("A man\uD800 is eating\uFFFE food.", "A man is eating food.");

        Vectors.Close(embeddings[1], embeddings[0], 1e-6f, "cleaned text");
    }

    [Fact]
    public void Metadata_DefaultModelId_IsTheFileNameAndTheStartOfItsSha256()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model.ModelPath)))[..12];

        var metadata = (EmbeddingGeneratorMetadata)model.Generator.GetService(typeof(EmbeddingGeneratorMetadata))!;

        Assert.Equal("onnx", metadata.ProviderName);
        Assert.Equal($"model.onnx@{hash}", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(model.Generator, model.Generator.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>)));
        Assert.Null(model.Generator.GetService(typeof(EmbeddingGeneratorMetadata), serviceKey: "other"));
        Assert.Null(model.Generator.GetService(typeof(string)));
    }

    [Fact]
    public async Task Metadata_GivenModelId_IsReportedAndStampedOnEmbeddings()
    {
        using var named = model.Create(o => o.ModelId = "sentence-transformers/all-MiniLM-L6-v2");

        var embeddings = await named.GenerateAsync(["hello"]);

        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", named.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", embeddings[0].ModelId);
        Assert.NotNull(embeddings[0].CreatedAt);
    }

    [Fact]
    public async Task GenerateAsync_EightConcurrentCalls_GiveTheSerialResults()
    {
        var serial = await model.Generator.EmbedAsync(MixedLengths);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => model.Generator.EmbedAsync(MixedLengths))));

        foreach (var result in concurrent)
        {
            for (var i = 0; i < serial.Length; i++)
            {
                Assert.Equal(serial[i], result[i]);
            }
        }
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.Generator.GenerateAsync(["A man is eating food."], cancellationToken: cts.Token));
    }

    [Fact]
    public async Task GenerateAsync_TokenCancelledAfterTheCallStarted_ThrowsBeforeTheFirstBatch()
    {
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => model.Generator.GenerateAsync(CancelWhileEnumerating(cts), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task GenerateAsync_NullOrEmptyList_GivesAnEmptyResult()
    {
        Assert.Empty(await model.Generator.GenerateAsync(null!));
        Assert.Empty(await model.Generator.GenerateAsync([]));
    }

    [Fact]
    public async Task GenerateAsync_NullText_ThrowsArgumentException()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => model.Generator.GenerateAsync(["fine", null!]));

        Assert.Equal("values", e.ParamName);
        Assert.Contains("index 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_EmptyText_EmbedsClsAndSep()
    {
        var embeddings = await model.Generator.GenerateAsync([string.Empty, "   "]);

        Assert.Equal(4, embeddings.Usage!.InputTokenCount);
        Assert.Equal(384, embeddings[0].Vector.Length);
        Assert.InRange(TensorPrimitives.Norm(embeddings[0].Vector.Span), 0.9999f, 1.0001f);
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_OptionsAskingForOtherDimensions_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>("options", () => model.Generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 768 }));
        await Assert.ThrowsAsync<ArgumentException>("options", () => model.Generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "other" }));
        Assert.Single(await model.Generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 384 }));
    }

    [Fact]
    public async Task GenerateAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var generator = model.Create();
        generator.Dispose();
        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["x"]));
    }

    private static IEnumerable<string> CancelWhileEnumerating(CancellationTokenSource cts)
    {
        yield return "A man is eating food.";
        cts.Cancel();
        yield return "The new movie is awesome";
    }
}
