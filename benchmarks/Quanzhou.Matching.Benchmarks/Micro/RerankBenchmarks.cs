using BenchmarkDotNet.Attributes;
using Lucene.Net.Search;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>
/// Second stage on 200 already retrieved candidates (stored documents loaded in set-up). Baseline: Lucene's own
/// second stage, a <see cref="QueryRescorer"/> with the bigram query over the 200 hits. Library: the 34 ranking
/// features (<c>FeatureContext</c> + <c>RankingFeatures.Compute</c>, pseudo-relevance feedback, list normalisation),
/// then the shipped LambdaRank model's scores; and both halves alone.
/// </summary>
[Config(typeof(QueriesPerSecondConfig))]
public class RerankBenchmarks : QueryBenchmarkBase
{
    private const int Pool = 200;
    private SearcherManager _manager = null!;
    private IndexSearcher _searcher = null!;
    private QueryState[] _states = [];
    private LearnedMatchRanker _ranker = null!;

    [GlobalSetup]
    public void Setup()
    {
        OpenIndex();
        _ranker = LearnedMatchRanker.Default;
        _manager = (SearcherManager)Index.GetService(typeof(SearcherManager))!;
        _searcher = _manager.Acquire();
        var options = new MatchOptions { CandidatePoolSize = Pool };
        _states = Requests.Select((r, i) =>
        {
            var terms = QueryTerms.Create(r.Text!, Index.Analyzer);
            var query = CandidateRetriever.BuildTextQuery(terms, CandidateRetrieval.Fused, new QueryTermStatistics(terms, _searcher.IndexReader))!;
            var restricted = CandidateRetriever.Restrict(query, options, MatchRequest.TargetKindsFor(DocumentKind.Need));
            var candidates = CandidateRetriever.Search(new SearchScope(MatchDocument.DefaultTenant, _searcher, Index.Name, static () => { }, Index.Analyzer), restricted, Pool, null);
            var bigrams = Raw.Query(Queries[i].Text, IndexFields.Bigrams);
            return new QueryState(terms, candidates, Raw.Searcher.Search(restricted.Query, Pool), bigrams, Features(terms, candidates));
        }).ToArray();
    }

    private protected override void BeforeDispose() => _manager?.Release(_searcher);

    [Benchmark(Baseline = true, OperationsPerInvoke = QueryCount, Description = "raw Lucene.Net: QueryRescorer (bigram query) over 200 hits")]
    public int RawRescore()
    {
        var n = 0;
        foreach (var s in _states)
        {
            n += QueryRescorer.Rescore(Raw.Searcher, s.Hits, s.RescoreQuery, 1.0, Pool).ScoreDocs.Length;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "features + LambdaRank scores of 200 candidates")]
    public async Task<int> FeaturesAndRerank()
    {
        var n = 0;
        foreach (var s in _states)
        {
            n += (await _ranker.ScoreAsync(Input(s.Candidates, Features(s.Terms, s.Candidates)))).Count;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "features only")]
    public int FeaturesOnly()
    {
        var n = 0;
        foreach (var s in _states)
        {
            n += Features(s.Terms, s.Candidates).Length;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "LambdaRank scores only (features precomputed)")]
    public async Task<int> ScoresOnly()
    {
        var n = 0;
        foreach (var s in _states)
        {
            n += (await _ranker.ScoreAsync(Input(s.Candidates, s.Features))).Count;
        }

        return n;
    }

    private float[][] Features(QueryTerms terms, List<Candidate> candidates)
    {
        var set = new CandidateSet(new QueryContext(terms, null, _searcher, Index.Analyzer.Lexicon), candidates, withFeedback: true);
        var rows = set.Select(c => RankingFeatures.Compute(set, c)).ToArray();
        RankingFeatures.NormalizeList(rows);
        return rows;
    }

    private static RankingInput Input(List<Candidate> candidates, float[][] features) =>
        new(RankingFeatures.Names, candidates.Select((c, i) => new RankingCandidate(c.Id, c.Score, features[i])).ToArray(), 0);

    private sealed record QueryState(QueryTerms Terms, List<Candidate> Candidates, TopDocs Hits, Query RescoreQuery, float[][] Features);
}
