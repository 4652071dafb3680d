using Microsoft.Extensions.AI;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// A consumer's own embedding model, as a portal would plug in a hosted endpoint: characters hashed into 64 dimensions.
/// Deterministic across processes, so a child process and this one embed alike.
/// </summary>
internal sealed class HashingEmbeddingGenerator(string modelId = "hash-v1") : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 64;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            var v = new float[Dimensions];
            foreach (var c in text)
            {
                v[(int)((uint)c * 2654435761u % Dimensions)] += 1;
            }

            v[^1] += 0.5f;
            result.Add(new Embedding<float>(v));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("hash", null, modelId, Dimensions) : null;

    public void Dispose()
    {
    }
}
