using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Quanzhou.Matching.Onnx;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> that runs a BERT-family sentence encoder exported to ONNX
/// (<c>model.onnx</c> + <c>vocab.txt</c>, such as BAAI/bge-small-zh-v1.5, text2vec or m3e) in process with ONNX Runtime.
/// </summary>
/// <remarks>
/// <para>
/// Texts are tokenised with BERT's WordPiece (one token per CJK character), truncated to
/// <see cref="OnnxEmbeddingOptions.MaxSequenceLength"/>, grouped into batches of similar length padded to their longest
/// text, pooled (<see cref="OnnxPooling"/>, respecting the attention mask) and, by default, scaled to unit length.
/// The model is read from <c>last_hidden_state</c>, else its first <c>[batch, sequence, hidden]</c> output; a model
/// whose only suitable output is already pooled (<c>[batch, hidden]</c>) is used as it is and
/// <see cref="OnnxEmbeddingOptions.Pooling"/> is ignored.
/// </para>
/// <para>
/// Thread-safe: one instance is meant to be a singleton, and concurrent <see cref="GenerateAsync"/> calls share the
/// ONNX Runtime session. Inference is CPU work done on the calling thread; the returned task completes when it is done.
/// </para>
/// <para>
/// <see cref="GetService"/> returns the <see cref="EmbeddingGeneratorMetadata"/> (provider <c>onnx</c>, the model id,
/// the model's hidden size as dimensions), the ONNX Runtime <see cref="InferenceSession"/> and the
/// <see cref="BertTokenizer"/> for advanced callers.
/// </para>
/// </remarks>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OnnxEncoderSession _session;
    private readonly WordPieceInputEncoder _encoder;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly string _modelId;
    private readonly OnnxPooling _pooling;
    private readonly bool _normalize;
    private readonly int _batchSize;
    private volatile bool _disposed;

    /// <summary>Loads the model and vocabulary named by <paramref name="options"/>.</summary>
    /// <param name="options">The model files and settings; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <see cref="OnnxEmbeddingOptions.ModelPath"/> or <see cref="OnnxEmbeddingOptions.VocabularyPath"/> is empty, or
    /// <see cref="OnnxEmbeddingOptions.MaxSequenceLength"/> is above the model's limit.
    /// </exception>
    /// <exception cref="FileNotFoundException">The model or vocabulary file does not exist (<see cref="FileNotFoundException.FileName"/> is its path).</exception>
    /// <exception cref="InvalidOperationException">
    /// The model is not an ONNX encoder that ONNX Runtime can load with <c>input_ids</c> and a float hidden-state output,
    /// or the vocabulary is not a BERT vocabulary; the message names the file.
    /// </exception>
    public OnnxEmbeddingGenerator(OnnxEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var modelPath = RequireFile(options.ModelPath, nameof(OnnxEmbeddingOptions.ModelPath), "ONNX model");
        var vocabularyPath = RequireFile(options.VocabularyPath, nameof(OnnxEmbeddingOptions.VocabularyPath), "vocabulary");
        _pooling = options.Pooling;
        _normalize = options.Normalize;
        _batchSize = options.BatchSize;
        _encoder = WordPieceInputEncoder.Load(vocabularyPath, options.LowerCase, options.MaxSequenceLength);
        _session = OnnxEncoderSession.Open(modelPath, options.IntraOpThreads);
        try
        {
            var limit = OnnxEncoderSession.FindSequenceLimit(modelPath, _session.FixedSequenceLength);
            if (options.MaxSequenceLength > limit)
            {
                throw new ArgumentException(
                    $"MaxSequenceLength is {options.MaxSequenceLength} but the model '{modelPath}' takes at most {limit} tokens per text.",
                    nameof(options));
            }

            _modelId = options.ModelId ?? DefaultModelId(modelPath);
            // A dynamic hidden dimension is only known from a run: embed the empty text ([CLS][SEP]) once.
            var dimensions = _session.HiddenSize > 0 ? _session.HiddenSize : Embed([string.Empty], CancellationToken.None)[0].Vector.Length;
            _metadata = new EmbeddingGeneratorMetadata("onnx", providerUri: null, _modelId, dimensions);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Embeds <paramref name="values"/>, one vector per text in the same order. A <see langword="null"/> or empty
    /// sequence gives an empty result; an empty string is embedded (as <c>[CLS][SEP]</c>).
    /// </summary>
    /// <param name="values">The texts.</param>
    /// <param name="options">
    /// Optional; <see cref="EmbeddingGenerationOptions.Dimensions"/> and <see cref="EmbeddingGenerationOptions.ModelId"/>,
    /// when set, must be the model's.
    /// </param>
    /// <param name="cancellationToken">Checked before each batch, and stops a batch that is running.</param>
    /// <returns>The embeddings, with <see cref="GeneratedEmbeddings{TEmbedding}.Usage"/> counting the tokens fed to the model.</returns>
    /// <exception cref="ArgumentException">An element of <paramref name="values"/> is <see langword="null"/>, or <paramref name="options"/> asks for other dimensions or another model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var texts = values is null ? [] : values.ToArray();
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"The text at index {i} is null.", nameof(values));
            }
        }

        CheckOptions(options);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Embed(texts, cancellationToken));
    }

    /// <summary>
    /// Returns the <see cref="EmbeddingGeneratorMetadata"/>, the ONNX Runtime <see cref="InferenceSession"/>, the
    /// <see cref="BertTokenizer"/> or this generator when <paramref name="serviceType"/> asks for one of them and
    /// <paramref name="serviceKey"/> is <see langword="null"/>; otherwise <see langword="null"/>.
    /// </summary>
    /// <param name="serviceType">The type of the service wanted.</param>
    /// <param name="serviceKey">A key; this generator has no keyed services.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is <see langword="null"/>.</exception>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_session.Session) ? _session.Session
            : serviceType.IsInstanceOfType(_encoder.Tokenizer) ? _encoder.Tokenizer
            : null;
    }

    /// <summary>Releases the ONNX Runtime session. Calls still running must finish first.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
        }
    }

    private GeneratedEmbeddings<Embedding<float>> Embed(string[] texts, CancellationToken cancellationToken)
    {
        var tokenIds = new int[texts.Length][];
        long tokenCount = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            tokenIds[i] = _encoder.Encode(texts[i]);
            tokenCount += tokenIds[i].Length;
        }

        // Batches of texts of similar length pad little; each vector goes back to its text's position.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => tokenIds[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        foreach (var chunk in order.Chunk(_batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[][] batch;
            try
            {
                batch = _session.Run(Array.ConvertAll(chunk, i => tokenIds[i]), _encoder.PaddingId, _pooling, runOptions);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            for (var b = 0; b < chunk.Length; b++)
            {
                if (_normalize)
                {
                    SentencePooling.Normalize(batch[b]);
                }

                vectors[chunk[b]] = batch[b];
            }
        }

        var createdAt = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(
            vectors.Select(v => new Embedding<float>(v) { ModelId = _modelId, CreatedAt = createdAt }))
        {
            Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount },
        };
    }

    private void CheckOptions(EmbeddingGenerationOptions? options)
    {
        if (options?.Dimensions is { } dimensions && dimensions != _metadata.DefaultModelDimensions)
        {
            throw new ArgumentException(
                $"This model gives {_metadata.DefaultModelDimensions} dimensions; {dimensions} were asked for.", nameof(options));
        }

        if (options?.ModelId is { } modelId && !string.Equals(modelId, _modelId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"This generator runs the model '{_modelId}'; '{modelId}' was asked for.", nameof(options));
        }
    }

    private static string RequireFile(string path, string property, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"OnnxEmbeddingOptions.{property} is required: the path of the {what} file.", "options");
        }

        var fullPath = Path.GetFullPath(path);
        return File.Exists(fullPath)
            ? fullPath
            : throw new FileNotFoundException($"The {what} file '{fullPath}' does not exist.", fullPath);
    }

    private static string DefaultModelId(string modelPath)
    {
        using var stream = File.OpenRead(modelPath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return $"{Path.GetFileName(modelPath)}@{hash[..12]}";
    }
}
