using Microsoft.Extensions.AI;

namespace Quanzhou.Matching.Embeddings;

/// <summary>
/// The host's embedding model for hybrid matching (BM25 + dense vectors): documents are embedded on upsert and stored
/// with their text in the same commit, queries are embedded on match. Set it on
/// <see cref="Indexing.LuceneMatchIndexOptions.Embeddings"/>; without it the index is lexical only, exactly as before.
/// </summary>
/// <remarks>
/// The model's fingerprint — <see cref="ModelId"/>, <see cref="Dimensions"/> and <see cref="DocumentInstruction"/> —
/// is recorded in the index; an index built with another fingerprint refuses matches and writes with
/// <see cref="EmbeddingModelMismatchException"/> until <see cref="Indexing.LuceneMatchIndex.RebuildEmbeddingsAsync"/> re-embeds it.
/// Change <see cref="ModelId"/> whenever the model's weights change (the ONNX adapter derives it from the model file's hash).
/// </remarks>
public sealed class EmbeddingOptions
{
    private readonly int _batchSize = 32;

    /// <summary>Creates options for a generator, taking the model id and dimensions from its metadata when it offers them.</summary>
    /// <param name="generator">The embedding model (any <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: ONNX, a hosted endpoint, …).</param>
    public EmbeddingOptions(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Generator = generator;
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        ModelId = metadata?.DefaultModelId;
        Dimensions = metadata?.DefaultModelDimensions;
    }

    /// <summary>The embedding model.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    /// <summary>The model's name or fingerprint (required: from the generator's metadata, or set here).</summary>
    public string? ModelId { get; init; }

    /// <summary>The vectors' length (required: from the generator's metadata, or set here); between 1 and 4,096.</summary>
    public int? Dimensions { get; init; }

    /// <summary>Put before every query text (bge-zh models use <c>为这个句子生成表示以用于检索相关文章：</c>). Default: none.</summary>
    public string QueryInstruction { get; init; } = string.Empty;

    /// <summary>Put before every document text. Default: none. Part of the fingerprint: changing it needs a re-embedding.</summary>
    public string DocumentInstruction { get; init; } = string.Empty;

    /// <summary>
    /// The text embedded for a document. Default: <see cref="MatchDocument.GetSearchText"/> (title, keywords, description).
    /// Not part of the fingerprint: after changing it, call <see cref="Indexing.LuceneMatchIndex.RebuildEmbeddingsAsync"/>.
    /// </summary>
    public Func<MatchDocument, string> DocumentText { get; init; } = static d => d.GetSearchText();

    /// <summary>How many texts go to the generator in one call. Default 32, between 1 and 4,096.</summary>
    public int BatchSize
    {
        get => _batchSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 4096);
            _batchSize = value;
        }
    }

    /// <summary>Whether vectors are L2-normalised before use, so that the dot product is the cosine. Default <see langword="true"/>.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>The fingerprint recorded in the index: model id, dimensions and a hash of the document instruction.</summary>
    /// <exception cref="ArgumentException">The model id or the dimensions are missing or invalid.</exception>
    public string Fingerprint
    {
        get
        {
            if (string.IsNullOrWhiteSpace(ModelId))
            {
                throw new ArgumentException("EmbeddingOptions.ModelId is required: the generator's metadata names no model (向量模型缺少名称).", nameof(ModelId));
            }

            if (Dimensions is not (>= 1 and <= 4096))
            {
                throw new ArgumentException($"EmbeddingOptions.Dimensions must be between 1 and 4096 (got {Dimensions?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): set it, or use a generator whose metadata states it.", nameof(Dimensions));
            }

            var instruction = DocumentInstruction.Length == 0
                ? string.Empty
                : "|doc:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DocumentInstruction)))[..12].ToLowerInvariant();
            return FormattableString.Invariant($"{ModelId}|{Dimensions}{instruction}");
        }
    }
}
