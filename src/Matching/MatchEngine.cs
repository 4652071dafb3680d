using System.Diagnostics;
using Lucene.Net.Search;
using Quanzhou.Matching.Diagnostics;
using Quanzhou.Matching.Duplicates;
using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Experts;
using Quanzhou.Matching.Explanations;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching;

/// <summary>
/// The matcher: BM25 candidate retrieval over SmartCn words and CJK bigrams with filters, feature extraction, ranking
/// by an <see cref="IMatchRanker"/> (the shipped learned model by default) and explanations.
/// </summary>
/// <remarks>Thread-safe; create one per index and share it.</remarks>
public sealed class MatchEngine : IMatcher
{
    private static readonly NearDuplicateDetector Duplicates = new();

    /// <summary>How many top results of a page get feature contributions in their explanation.</summary>
    private const int MaxExplained = 50;

    private readonly CustomFeatureSet _customFeatures = CustomFeatureSet.Empty;

    /// <summary>Creates a matcher over an index.</summary>
    /// <param name="index">The index.</param>
    /// <param name="ranker">The ranker; <see langword="null"/> for the shipped learned model (<see cref="LearnedMatchRanker.Default"/>).</param>
    public MatchEngine(LuceneMatchIndex index, IMatchRanker? ranker = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        LuceneIndex = index;
        Ranker = ranker ?? LearnedMatchRanker.Default;
    }

    /// <summary>The index searched (its write and lookup contract; reads for matching go through the engine).</summary>
    public MatchIndex Index => LuceneIndex;

    /// <summary>The concrete index, whose tenant-scoped read path the engine and its features use.</summary>
    internal LuceneMatchIndex LuceneIndex { get; }

    /// <summary>The ranker that orders candidates.</summary>
    public IMatchRanker Ranker { get; }

    /// <summary>
    /// Tags queries that carry no industry tags (free text, or a document posted without them) so that industry agreement
    /// with the candidates can feed the ranking features; <see langword="null"/> (the default) leaves such queries untagged.
    /// Only useful with a ranker trained with the same tagger and with documents tagged the same way (e.g. by
    /// <see cref="Taxonomy.TaxonomyTagger.TagDocument"/> before indexing); docs/articles/taxonomy.md gives its measured effect.
    /// </summary>
    public Taxonomy.TaxonomyTagger? QueryTagger { get; init; }

    /// <summary>
    /// Ranking features of the host's or a researcher's own (<see cref="IRankingFeature"/>), computed after the built-in
    /// features and appended to the feature vector in this order. A model trained on this engine records them in its
    /// manifest; serve it with the same features registered. Default: none.
    /// </summary>
    /// <exception cref="ArgumentException">A feature is null, or its name is invalid, repeated or a built-in name.</exception>
    public IReadOnlyList<IRankingFeature> CustomFeatures
    {
        get => _customFeatures.Features;
        init => _customFeatures = CustomFeatureSet.Create(value);
    }

    /// <summary>The feature schema of this engine: the built-in features, then <see cref="CustomFeatures"/>.</summary>
    public IReadOnlyList<string> FeatureNames => _customFeatures.Names;

    /// <summary>Lowest tagger confidence for a tag to be given to an untagged query.</summary>
    public const double QueryTagMinConfidence = 0.3;

    /// <summary>
    /// Loads the process-wide resources every matcher needs — SmartCn's dictionaries and the shipped ranking model — in
    /// parallel. Call it at process start, alongside opening the index, so the first request does not pay for them.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting (a load already started completes in the background).</param>
    /// <returns>A task that completes when both are loaded.</returns>
    public static Task PreloadAsync(CancellationToken cancellationToken = default) => Task.WhenAll(
        Task.Run(Analysis.SmartCnTextAnalyzer.Default.Warmup, cancellationToken),
        Task.Run(() => _ = LearnedMatchRanker.HasDefaultModel ? LearnedMatchRanker.Default : null, cancellationToken));

    /// <summary>
    /// Answers one representative query through the whole pipeline (retrieval, features, ranking, explanations), so that
    /// the index's term dictionaries and norms are read and the code is compiled before the first real request.
    /// </summary>
    /// <param name="cancellationToken">Cancels the warm-up.</param>
    /// <returns>A task that completes when the warm-up query has run.</returns>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) =>
        MatchAsync(MatchRequest.ForText("泉州鞋服企业寻求高回弹EVA发泡中底与石墨烯导热膜的产业化技术"), new MatchOptions { Top = 5 }, cancellationToken);

    /// <inheritdoc />
    public async Task<MatchResults> MatchAsync(MatchRequest request, MatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= new MatchOptions();
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();

        // One ranker for the whole query, even if a swappable ranker is swapped meanwhile.
        var ranker = Ranker.GetService(typeof(SwappableMatchRanker)) is SwappableMatchRanker swappable ? swappable.Current : Ranker;
        using var activity = MatchingTelemetry.Source.StartActivity("match");
        activity?.SetTag("match.ranker", ranker.Name);
        MatchingTelemetry.Matches.Add(1);
        var dense = await EmbedQueryAsync(request, cancellationToken).ConfigureAwait(false);
        var prepared = Prepare(request, options, ranker.UsesFeatures, withEvidence: options.UseExpertEvidence, dense);
        MatchingTelemetry.RetrieveDuration.Record(clock.Elapsed.TotalMilliseconds);
        activity?.SetTag("match.candidates", prepared.Candidates.Count);
        var rankStart = clock.Elapsed;
        if (prepared.Candidates.Count == 0)
        {
            return new MatchResults([], 0, ranker.Name, clock.Elapsed);
        }

        var explain = options.IncludeExplanations ? Math.Min(MaxExplained, options.Skip + options.Top) : 0;
        var input = new RankingInput(_customFeatures.Names, prepared.RankingCandidates, explain);
        IReadOnlyList<RankerScore> scores;
        try
        {
            scores = await ranker.ScoreAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or MatchingException or ObjectDisposedException))
        {
            throw new MatchingException($"Ranker '{ranker.Name}' failed (排序失败): {ex.Message}", "rank", Index.Name, ex);
        }

        if (scores.Count != prepared.Candidates.Count)
        {
            throw new MatchingException($"Ranker '{ranker.Name}' returned {scores.Count} scores for {prepared.Candidates.Count} candidates.", "rank", Index.Name);
        }

        // Experts: evidence from their own achievements for the same query (looked up at retrieval), before sorting.
        var evidence = prepared.ExpertEvidence;
        if (evidence is not null)
        {
            scores = ExpertEvidence.Apply(scores, evidence, options.ExpertEvidenceWeight);
        }

        // Sort by score, ties by document id: Lucene's internal order of equal scores changes when segments merge, the
        // caller's order must not.
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i].Score).ThenBy(i => prepared.RankingCandidates[i].Id, StringComparer.Ordinal).ToArray();
        var ranked = options.CollapseDuplicates ? CollapseDuplicates(order, prepared.Candidates, options.Skip + options.Top) : order;
        // Strength: the ranker's score calibrated on judgments, relative to this query's best candidate (taken before
        // the experts' evidence lift). An expert lifted by evidence from its achievements is calibrated on its lifted
        // score capped at that best: it reads at most as strong as the query's best candidate.
        var calibration = ScoreCalibration.For(ranker);
        var best = Enumerable.Range(0, scores.Count).Where(i => evidence?[i] is null).Select(i => scores[i].Score).DefaultIfEmpty(0).Max();
        var items = new List<MatchResult>(options.Top);
        for (var rank = options.Skip; rank < Math.Min(ranked.Length, options.Skip + options.Top); rank++)
        {
            var i = ranked[rank];
            var candidate = prepared.Candidates[i];
            var document = candidate.Stored.Document;
            var explanation = options.IncludeExplanations
                ? MatchExplainer.Explain(prepared.Context, candidate, document, LuceneIndex.Analyzer.Normalize(document.GetSearchText()), _customFeatures.Describe(scores[i]), ranker.Name)
                : null;
            if (explanation is not null && evidence?[i] is { } expertEvidence)
            {
                explanation = ExpertEvidence.Explain(explanation, expertEvidence, (prepared.Context.QueryDocument?.Kind ?? request.SourceKind) == DocumentKind.Need);
            }

            var strength = calibration?.Strength(evidence?[i] is null ? scores[i].Score : Math.Min(scores[i].Score, best), best);
            items.Add(new MatchResult(document.Id, document.Kind, document.Title, scores[i].Score, rank + 1, document, explanation) { Strength = strength });
        }

        MatchingTelemetry.RankDuration.Record((clock.Elapsed - rankStart).TotalMilliseconds);
        var facets = prepared.Candidates
            .SelectMany(c => c.Stored.IndustryTags)
            .GroupBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new MatchResults(items, prepared.Candidates.Count, ranker.Name, clock.Elapsed) { IndustryFacets = facets };
    }

    /// <summary>
    /// What the ranker would be given for a request: its candidates in retrieval order (BM25, and dense when the index has
    /// an embedding model) with their ranking features (<see cref="FeatureNames"/>), retrieved and computed exactly as
    /// <see cref="MatchAsync"/> does. For training (Quanzhou.Matching.Training's <c>LambdaRankTrainer</c>), feature
    /// studies and custom rankers' tests; nothing is ranked or explained.
    /// </summary>
    /// <param name="request">The query.</param>
    /// <param name="options">Tenant-independent settings (pool size, kinds, filters); <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the query's embedding.</param>
    /// <returns>The candidates with features; <see cref="RankingInput.ExplainCount"/> is 0.</returns>
    /// <exception cref="DocumentNotFoundException">A document request names a document the tenant cannot see.</exception>
    /// <exception cref="EmbeddingModelMismatchException">The index holds another embedding model's vectors.</exception>
    public async Task<RankingInput> GetRankingInputAsync(MatchRequest request, MatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= new MatchOptions();
        var dense = await EmbedQueryAsync(request, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = Prepare(request, options, withFeatures: true, dense: dense);
        return new RankingInput(_customFeatures.Names, prepared.RankingCandidates, 0);
    }

    /// <summary>Retrieves candidates and, when asked, computes their features and the experts' evidence, all on one searcher (the shared path of serving and training).</summary>
    /// <param name="request">The query.</param>
    /// <param name="options">The options.</param>
    /// <param name="withFeatures">Whether to compute ranking features.</param>
    /// <param name="withEvidence">Whether to compute experts' evidence.</param>
    /// <param name="dense">The query's vector (see <see cref="EmbedQueryAsync"/>) for hybrid candidates; <see langword="null"/> for BM25 only.</param>
    internal PreparedQuery Prepare(MatchRequest request, MatchOptions options, bool withFeatures, bool withEvidence = false, QueryVector? dense = null)
    {
        var poolSize = Math.Max(options.CandidatePoolSize, options.Skip + options.Top);
        return LuceneIndex.Read(request.Tenant, "match", scope =>
        {
            // The query document, candidates, statistics and evidence all come from this one snapshot of what the tenant sees.
            var searcher = scope.Searcher;
            var (queryDocument, text) = ResolveQuery(request, scope);
            var kinds = options.Kinds is { Count: > 0 } k ? k : MatchRequest.TargetKindsFor(queryDocument?.Kind ?? request.SourceKind);
            var terms = QueryTerms.Create(text, LuceneIndex.Analyzer);
            var stats = new QueryTermStatistics(terms, searcher.IndexReader);
            // The normalised, length-capped query text is tagged: a hostile 4 MB document must not be scanned per taxonomy keyword.
            var tags = (queryDocument?.IndustryTags ?? []).Count == 0 && QueryTagger is { } tagger && withFeatures
                ? [.. tagger.Tag(terms.NormalizedText).Where(t => t.Confidence >= QueryTagMinConfidence).Select(t => t.TagId)]
                : (IReadOnlyList<string>?)null;
            var ctx = new QueryContext(terms, queryDocument, searcher, LuceneIndex.Analyzer.Lexicon, stats, tags);
            var textQuery = CandidateRetriever.BuildTextQuery(terms, options.Retrieval, stats);
            if (textQuery is null && dense is null)
            {
                return new PreparedQuery(ctx, new CandidateSet(ctx, [], withFeedback: false), []);
            }

            var restricted = textQuery is null ? ((Query Query, Filter? Filter)?)null : CandidateRetriever.Restrict(textQuery, options, kinds);
            var excludeId = request.DocumentId ?? queryDocument?.Id;
            var retrieved = restricted is { } r ? CandidateRetriever.Search(scope, r, poolSize, excludeId) : [];
            if (dense is not null)
            {
                var dimensions = LuceneIndex.Embeddings.Embedder!.Dimensions;
                retrieved = CandidateFusion.Unite(scope, retrieved, restricted, KindFilter.For(kinds), CandidateRetriever.MetadataFilter(options), dense, options.DenseCandidatePoolSize ?? poolSize, dimensions, excludeId);
            }

            var candidates = new CandidateSet(ctx, retrieved, withFeedback: withFeatures);
            var features = new float[candidates.Count][];
            if (withFeatures)
            {
                for (var i = 0; i < features.Length; i++)
                {
                    features[i] = RankingFeatures.Compute(candidates, candidates[i], _customFeatures.Features.Count);
                }

                RankingFeatures.NormalizeList(features);
                _customFeatures.Fill(features, candidates, text, queryDocument, Index.Name);
            }
            else
            {
                Array.Fill(features, []);
            }

            var ranking = candidates.Select((c, i) => new RankingCandidate(c.Id, c.Score, features[i])
            {
                DenseScore = c.Dense,
                LexicalRank = dense is null ? i + 1 : c.LexicalRank,
                DenseRank = c.DenseRank,
            }).ToArray();
            var evidence = withEvidence ? ExpertEvidence.Compute(scope, candidates, options.Retrieval) : null;
            return new PreparedQuery(ctx, candidates, ranking) { ExpertEvidence = evidence };
        });
    }

    /// <summary>
    /// The query's vector under the index's embedding model, or <see langword="null"/> for a lexical index (or a query
    /// with no text). A document request is looked up first (its text is what gets embedded).
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The index holds another model's vectors (or none).</exception>
    internal async Task<QueryVector?> EmbedQueryAsync(MatchRequest request, CancellationToken cancellationToken)
    {
        if (LuceneIndex.Embeddings.ForMatching("match") is not { } embedder)
        {
            return null;
        }

        var text = request.DocumentId is { } id
            ? (await Index.GetAsync(id, request.Tenant, cancellationToken).ConfigureAwait(false))?.GetSearchText()
            : request.Document?.GetSearchText() ?? request.Text;

        // A missing document is reported by Prepare, from the same snapshot as the candidates.
        return string.IsNullOrWhiteSpace(text) ? null : new QueryVector(await embedder.EmbedQueryAsync(text, Index.Name, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Keeps the best-ranked copy of near-duplicates, walking the ranking until <paramref name="needed"/> results are kept.</summary>
    private static int[] CollapseDuplicates(int[] order, CandidateSet candidates, int needed)
    {
        var kept = new List<int>();
        var signatures = new List<ulong[]>();
        foreach (var i in order)
        {
            if (kept.Count >= needed)
            {
                break;
            }

            var document = candidates[i].Stored.Document;
            var signature = Duplicates.Signature(document);
            if (signatures.Exists(s => NearDuplicateDetector.Similarity(s, signature) >= Duplicates.Threshold))
            {
                continue;
            }

            signatures.Add(signature);
            kept.Add(i);
        }

        return [.. kept];
    }

    private (MatchDocument? Document, string Text) ResolveQuery(MatchRequest request, SearchScope scope)
    {
        if (request.DocumentId is { } id)
        {
            var doc = scope.Get(id)
                ?? throw new DocumentNotFoundException($"Document '{id}' does not exist or is not visible to tenant '{request.Tenant}' (文档不存在或无权访问).", "match", Index.Name);
            return (doc, doc.GetSearchText());
        }

        return request.Document is { } document ? (document, document.GetSearchText()) : (null, request.Text ?? string.Empty);
    }

    internal sealed record PreparedQuery(QueryContext Context, CandidateSet Candidates, RankingCandidate[] RankingCandidates)
    {
        /// <summary>Per candidate, the expert's evidence from its own achievements; <see langword="null"/> when not asked for or no candidate links any.</summary>
        public ExpertEvidenceScore?[]? ExpertEvidence { get; init; }
    }
}
