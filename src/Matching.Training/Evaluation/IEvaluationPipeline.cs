using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Evaluation;

/// <summary>A named way of ranking documents for a query. To evaluate a new idea, implement this one interface.</summary>
public interface IEvaluationPipeline
{
    /// <summary>The pipeline's name; run files are written as <c>&lt;Name&gt;.run</c>.</summary>
    string Name { get; }

    /// <summary>Ranks documents for a query.</summary>
    /// <param name="query">The query.</param>
    /// <param name="depth">How many documents to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Documents, best first.</returns>
    Task<IReadOnlyList<RankedDocument>> RankAsync(TrainingQuery query, int depth, CancellationToken cancellationToken = default);
}

/// <summary>A document id with its score in a ranking.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Score">The score.</param>
public sealed record RankedDocument(string Id, double Score)
{
    /// <summary>The calibrated strength (<see cref="MatchResult.Strength"/>), when the pipeline's ranker has one.</summary>
    public double? Strength { get; init; }
}
