using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Quanzhou.Matching.Embeddings;

/// <summary>
/// Calls the host's generator in batches and checks what comes back (count, length, finite values, non-zero norm), so a
/// misbehaving model surfaces as one typed error naming it, never as a corrupt vector in the index.
/// </summary>
internal sealed class Embedder
{
    private readonly EmbeddingOptions _options;

    public Embedder(EmbeddingOptions options)
    {
        _options = options;
        Fingerprint = options.Fingerprint;
        Dimensions = options.Dimensions!.Value;
    }

    /// <summary>The model fingerprint (see <see cref="EmbeddingOptions.Fingerprint"/>).</summary>
    public string Fingerprint { get; }

    public int Dimensions { get; }

    /// <summary>The vectors of documents, in order; <paramref name="progress"/> gets the count embedded so far.</summary>
    public Task<float[][]> EmbedDocumentsAsync(IReadOnlyList<MatchDocument> documents, IProgress<int>? progress, string indexName, CancellationToken cancellationToken) =>
        EmbedAsync([.. documents.Select(d => _options.DocumentInstruction + _options.DocumentText(d))], progress, indexName, cancellationToken);

    /// <summary>The vector of a query text.</summary>
    public async Task<float[]> EmbedQueryAsync(string text, string indexName, CancellationToken cancellationToken) =>
        (await EmbedAsync([_options.QueryInstruction + text], null, indexName, cancellationToken).ConfigureAwait(false))[0];

    private async Task<float[][]> EmbedAsync(string[] texts, IProgress<int>? progress, string indexName, CancellationToken cancellationToken)
    {
        var result = new float[texts.Length][];
        for (var start = 0; start < texts.Length; start += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = texts[start..Math.Min(texts.Length, start + _options.BatchSize)];
            GeneratedEmbeddings<Embedding<float>> generated;
            try
            {
                generated = await _options.Generator.GenerateAsync(batch, new EmbeddingGenerationOptions { Dimensions = Dimensions }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or MatchingException))
            {
                throw new MatchingException($"Embedding model '{_options.ModelId}' failed (向量模型调用失败): {ex.Message}", "embed", indexName, ex);
            }

            if (generated.Count != batch.Length)
            {
                throw Bad($"returned {generated.Count} vectors for {batch.Length} texts", indexName);
            }

            for (var i = 0; i < batch.Length; i++)
            {
                result[start + i] = Check(generated[i].Vector.Span, indexName);
            }

            progress?.Report(start + batch.Length);
        }

        return result;
    }

    private float[] Check(ReadOnlySpan<float> vector, string indexName)
    {
        if (vector.Length != Dimensions)
        {
            throw Bad($"returned a vector of {vector.Length} dimensions, not the configured {Dimensions}", indexName);
        }

        var copy = vector.ToArray();
        foreach (var v in copy)
        {
            if (!float.IsFinite(v))
            {
                throw Bad("returned a non-finite value (NaN or ∞)", indexName);
            }
        }

        var norm = TensorPrimitives.Norm(copy);
        if (norm <= 1e-12f)
        {
            throw Bad("returned a zero vector", indexName);
        }

        if (_options.Normalize)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }

    private MatchingException Bad(string what, string indexName) =>
        new($"Embedding model '{_options.ModelId}' {what} (向量模型输出无效).", "embed", indexName);
}
