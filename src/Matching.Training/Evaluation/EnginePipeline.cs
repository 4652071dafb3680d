using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Evaluation;

/// <summary>A pipeline that runs a <see cref="MatchEngine"/> with one retrieval mode, returning achievements.</summary>
/// <param name="Name">The pipeline name.</param>
/// <param name="Engine">The matcher (its ranker decides the order).</param>
/// <param name="Retrieval">The candidate retrieval mode.</param>
/// <param name="CandidatePool">Candidates the ranker reorders.</param>
public sealed record EnginePipeline(string Name, MatchEngine Engine, CandidateRetrieval Retrieval, int CandidatePool) : IEvaluationPipeline
{
    /// <summary>The standard pipelines: <c>bm25-words</c>, <c>bm25-bigrams</c>, <c>bm25-fused</c> (BM25 order, 100 candidates) and, when a learned ranker is given, <c>learned</c>.</summary>
    /// <param name="index">The index holding the corpus.</param>
    /// <param name="learned">The learned ranker; <see langword="null"/> to leave <c>learned</c> out.</param>
    /// <param name="candidatePool">Candidates <c>learned</c> reranks. Default 100, as <see cref="MatchOptions.CandidatePoolSize"/>.</param>
    /// <param name="queryTagger">Tags the queries for the <c>learned</c> pipeline (see <see cref="MatchEngine.QueryTagger"/>); <see langword="null"/> for none.</param>
    /// <param name="customFeatures">Custom ranking features for the <c>learned</c> pipeline (see <see cref="MatchEngine.CustomFeatures"/>); the ones the learned model was trained with are taken by name.</param>
    /// <returns>The pipelines.</returns>
    public static IReadOnlyList<IEvaluationPipeline> Standard(LuceneMatchIndex index, IMatchRanker? learned, int candidatePool = 100, Taxonomy.TaxonomyTagger? queryTagger = null, IReadOnlyList<IRankingFeature>? customFeatures = null)
    {
        var bm25 = new MatchEngine(index, Bm25MatchRanker.Instance);
        var list = new List<IEvaluationPipeline>
        {
            new EnginePipeline("bm25-words", bm25, CandidateRetrieval.Words, 100),
            new EnginePipeline("bm25-bigrams", bm25, CandidateRetrieval.Bigrams, 100),
            new EnginePipeline("bm25-fused", bm25, CandidateRetrieval.Fused, 100),
        };
        if (learned is not null)
        {
            list.Add(new EnginePipeline("learned", new MatchEngine(index, learned) { QueryTagger = queryTagger, CustomFeatures = CustomFeatureSet.For(learned, customFeatures) }, CandidateRetrieval.Fused, candidatePool));
        }

        return list;
    }

    /// <summary>
    /// How many dense (embedding) candidates join the BM25 ones when the index has an embedding model; default 0: BM25
    /// candidates only (their dense similarity is still computed), so the standard pipelines score the same on a hybrid index.
    /// </summary>
    public int DenseCandidatePool { get; init; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RankedDocument>> RankAsync(TrainingQuery query, int depth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var options = new MatchOptions
        {
            Top = depth,
            CandidatePoolSize = Math.Max(depth, CandidatePool),
            Retrieval = Retrieval,
            IncludeExplanations = false,
            Kinds = [DocumentKind.Achievement],
            DenseCandidatePoolSize = DenseCandidatePool,
        };
        var results = await Engine.MatchAsync(MatchRequest.ForText(query.Text), options, cancellationToken).ConfigureAwait(false);
        return results.Items.Select(r => new RankedDocument(r.Id, r.Score) { Strength = r.Strength }).ToArray();
    }
}
