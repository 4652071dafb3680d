using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// A named way of ranking documents for a query. To add a pipeline, write one class implementing this interface and
/// list it in <see cref="Pipelines.Create"/>.
/// </summary>
internal interface IEvaluationPipeline
{
    string Name { get; }

    Task<IReadOnlyList<(string DocumentId, double Score)>> RankAsync(TrainingQuery query, int depth);
}

/// <summary>A pipeline that runs the library's <see cref="MatchEngine"/> with a ranker and retrieval mode.</summary>
internal sealed class EnginePipeline(string name, MatchEngine engine, CandidateRetrieval retrieval, int candidatePool) : IEvaluationPipeline
{
    public string Name { get; } = name;

    public async Task<IReadOnlyList<(string DocumentId, double Score)>> RankAsync(TrainingQuery query, int depth)
    {
        var options = new MatchOptions
        {
            Top = depth,
            CandidatePoolSize = Math.Max(depth, candidatePool),
            Retrieval = retrieval,
            IncludeExplanations = false,
            Kinds = [DocumentKind.Achievement],
        };
        var results = await engine.MatchAsync(MatchRequest.ForText(query.Text), options).ConfigureAwait(false);
        return results.Items.Select(r => (r.Id, r.Score)).ToArray();
    }
}

internal static class Pipelines
{
    public static List<IEvaluationPipeline> Create(LuceneMatchIndex index, LearnedMatchRanker? learned, int candidatePool)
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
            list.Add(new EnginePipeline("learned", new MatchEngine(index, learned), CandidateRetrieval.Fused, candidatePool));
        }

        return list;
    }
}
