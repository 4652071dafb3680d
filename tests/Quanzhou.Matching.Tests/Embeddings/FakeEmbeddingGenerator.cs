using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Quanzhou.Matching.Tests.Embeddings;

/// <summary>
/// A deterministic stand-in for a host's embedding model: characters hash into the first dimensions (so texts that share
/// characters are somewhat similar), and each concept group — words of one meaning that share no character, as
/// 灌溉/水肥/节水 — lights one dimension strongly (so a need and an achievement that share a meaning but no term are close).
/// Its faults are switchable, to test what the index does when a real model misbehaves.
/// </summary>
internal sealed class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public static readonly string[][] Concepts =
    [
        ["灌溉", "水肥", "节水", "水资源", "滴灌"],
        ["胆碱酯酶", "蛋白酶", "发酵", "酶活"],
        ["射频识别", "RFID", "电子标签"],
        ["跑鞋", "运动鞋", "鞋材"],
    ];

    private const int Hashed = 48;
    private int _calls;

    public FakeEmbeddingGenerator(string modelId = "fake-zh-v1", int dimensions = 64)
    {
        ModelId = modelId;
        Dimensions = dimensions;
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>Texts with an explicit vector (used as given, before any fault).</summary>
    public ConcurrentDictionary<string, float[]> Fixed { get; } = new(StringComparer.Ordinal);

    /// <summary>Every text embedded, in call order.</summary>
    public ConcurrentQueue<string> Seen { get; } = new();

    /// <summary>The size of every batch asked for.</summary>
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    /// <summary>Throws on this 1-based call (and later ones while <see cref="KeepFailing"/>).</summary>
    public int? FailOnCall { get; set; }

    public bool KeepFailing { get; set; }

    /// <summary>Returns vectors of this length instead of <see cref="Dimensions"/>.</summary>
    public int? WrongLength { get; set; }

    public bool ReturnNaN { get; set; }

    public bool ReturnOneTooFew { get; set; }

    /// <summary>Waits this long per call (to cancel during embedding).</summary>
    public TimeSpan Delay { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        var call = Interlocked.Increment(ref _calls);
        BatchSizes.Enqueue(texts.Length);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (FailOnCall is { } failing && (call == failing || (KeepFailing && call > failing)))
        {
            throw new HttpRequestException("embedding endpoint unavailable");
        }

        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in ReturnOneTooFew ? texts[1..] : texts)
        {
            Seen.Enqueue(text);
            var vector = Fixed.TryGetValue(text, out var given) ? given : Embed(text, WrongLength ?? Dimensions);
            if (ReturnNaN)
            {
                vector[0] = float.NaN;
            }

            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("fake", null, ModelId, Dimensions)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>The (unnormalised) vector of a text.</summary>
    public static float[] Embed(string text, int dimensions)
    {
        var v = new float[dimensions];
        foreach (var c in text.Where(char.IsLetterOrDigit))
        {
            v[(int)((uint)c * 2654435761u % Hashed) % Math.Min(Hashed, dimensions)] += 0.2f;
        }

        for (var g = 0; g < Concepts.Length && Hashed + g < dimensions; g++)
        {
            if (Concepts[g].Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                v[Hashed + g] += 6f;
            }
        }

        v[^1] += 0.05f; // never a zero vector
        return v;
    }
}
