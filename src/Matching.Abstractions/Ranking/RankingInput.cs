namespace Quanzhou.Matching;

/// <summary>The candidates of one query, as handed to an <see cref="IMatchRanker"/>.</summary>
/// <param name="FeatureNames">The names of the feature vector entries (same for every candidate).</param>
/// <param name="Candidates">The candidates in retrieval order.</param>
/// <param name="ExplainCount">For how many of the best candidates the ranker should return <see cref="RankerScore.Contributions"/>.</param>
public sealed record RankingInput(IReadOnlyList<string> FeatureNames, IReadOnlyList<RankingCandidate> Candidates, int ExplainCount);

/// <summary>One retrieved candidate.</summary>
/// <param name="Id">The document id.</param>
/// <param name="RetrievalScore">The BM25 retrieval score (0 for a candidate only the dense source found that shares no term with the query).</param>
/// <param name="Features">The feature vector (empty when the ranker does not use features).</param>
public sealed record RankingCandidate(string Id, float RetrievalScore, IReadOnlyList<float> Features)
{
    /// <summary>
    /// The candidate's similarity to the query under the index's embedding model (dot product of the normalised vectors,
    /// about −1 to 1); <see langword="null"/> when the index has no embedding model or the candidate has no vector.
    /// </summary>
    public float? DenseScore { get; init; }

    /// <summary>The candidate's 1-based rank in BM25 order; <see langword="null"/> when only the dense source found it.</summary>
    public int? LexicalRank { get; init; }

    /// <summary>The candidate's 1-based rank in dense-similarity order among the candidates; <see langword="null"/> without a vector.</summary>
    public int? DenseRank { get; init; }
}

/// <summary>A ranker's score for one candidate.</summary>
/// <param name="Score">The score; higher is better.</param>
/// <param name="Contributions">The features that moved the score most, when requested; otherwise empty.</param>
public sealed record RankerScore(double Score, IReadOnlyList<FeatureContribution> Contributions);
