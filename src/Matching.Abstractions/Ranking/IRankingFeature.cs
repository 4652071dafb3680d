namespace Quanzhou.Matching;

/// <summary>
/// A ranking feature written by a host or a researcher, computed for every candidate after the built-in features and
/// appended to the feature vector under its <see cref="Name"/>. Register it in <c>MatchEngine.CustomFeatures</c>, train a
/// model on that engine, and serve the model with the same features registered: a model trained with a custom feature
/// refuses to score candidates that lack it.
/// </summary>
/// <remarks>
/// <see cref="Compute"/> is called concurrently for different queries and must be thread-safe and fast (it runs for
/// every candidate of every query: 100 by default). Each candidate is read back from its stored fields into a
/// <see cref="MatchDocument"/> once per query when any custom feature is registered. A non-finite value (NaN, ±∞) is
/// stored as 0. Follow the built-in missing-value rule where it fits: -1 for "unknown on either side", values in [0, 1]
/// otherwise. A <c>SwappableMatchRanker</c> should only be swapped to models whose custom features the engine has.
/// </remarks>
public interface IRankingFeature
{
    /// <summary>The feature's name in the model's schema: 1–64 lower-case letters, digits or <c>_</c>, unique, not a built-in name.</summary>
    string Name { get; }

    /// <summary>What the feature measures, in words a technology manager understands; shown in explanations.</summary>
    string Description { get; }

    /// <summary>Computes the feature for one candidate of one query.</summary>
    /// <param name="input">The query and the candidate.</param>
    /// <returns>The value.</returns>
    float Compute(RankingFeatureInput input);
}

/// <summary>What a custom <see cref="IRankingFeature"/> sees of one query and one candidate.</summary>
/// <param name="QueryText">The query's text (a free-text need, or the query document's search text).</param>
/// <param name="QueryDocument">The query document when matching from a document; otherwise <see langword="null"/>.</param>
/// <param name="Candidate">The candidate document, as stored in the index.</param>
/// <param name="RetrievalScore">The candidate's BM25 retrieval score.</param>
/// <param name="RetrievalRank">The candidate's 1-based rank in retrieval order.</param>
public sealed record RankingFeatureInput(string QueryText, MatchDocument? QueryDocument, MatchDocument Candidate, float RetrievalScore, int RetrievalRank)
{
    /// <summary>The candidate's similarity to the query under the index's embedding model; <see langword="null"/> without one (see <see cref="RankingCandidate.DenseScore"/>).</summary>
    public float? DenseSimilarity { get; init; }
}
