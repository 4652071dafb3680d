namespace Quanzhou.Matching.Ranking;

/// <summary>
/// The candidate's similarity to the query under the index's embedding model, as a ranking feature
/// (<c>dense_similarity</c>): register it in <see cref="MatchEngine.CustomFeatures"/> and train a model on that engine
/// to let the learned ranker weigh meaning against the lexical features (the <c>learned-hybrid</c> pipeline of the
/// evaluation tool). -1 when the index has no embedding model or the candidate has no vector.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class DenseSimilarityFeature : IRankingFeature
{
    /// <summary>The shared instance.</summary>
    public static DenseSimilarityFeature Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "dense_similarity";

    /// <inheritdoc />
    public string Description => "语义相似度 (similarity under the embedding model)";

    /// <inheritdoc />
    public float Compute(RankingFeatureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.DenseSimilarity ?? -1f;
    }
}
