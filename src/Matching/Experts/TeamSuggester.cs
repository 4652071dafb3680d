using Lucene.Net.Index;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval;
using Quanzhou.Matching.Taxonomy;

namespace Quanzhou.Matching.Experts;

/// <summary>
/// Suggests a small expert team (专家团队, e.g. a 科技特派员 group) for a need: the need is split into sub-topics, then
/// experts are chosen by greedy weighted set cover over the best-matching experts.
/// </summary>
/// <remarks>
/// <para>Sub-topics: the need's taxonomy tags from the <see cref="TaxonomyTagger"/> (confidence ≥
/// <see cref="TeamSuggestionOptions.MinTagConfidence"/>; a cluster is dropped when one of its sub-fields is tagged), weighted
/// by confidence; then its most informative analysed words (domain-lexicon terms first, then highest idf in the index;
/// two or more characters, found in at least one other document, not already evidence of a tag), weighted by idf ÷ the
/// highest idf among them.</para>
/// <para>Coverage: an expert covers a tag when the expert carries it (<see cref="MatchDocument.IndustryTags"/>) or the
/// tagger finds it in the expert's profile plus their supporting achievements (the evidence of the match); a term when
/// that text contains it.</para>
/// <para>Choice: the candidates are the <see cref="TeamSuggestionOptions.CandidateExperts"/> best experts for the need
/// (<see cref="MatchEngine"/> with expert evidence); their scores are rescaled to 0.1–1 (best = 1). Each step adds the
/// expert with the largest (weight of newly covered sub-topics × rescaled score), until
/// <see cref="TeamSuggestionOptions.MaxMembers"/> or nothing new is covered. The first member is therefore usually, but
/// not always, the single best match.</para>
/// <para>Thread-safe; create one per engine and share it.</para>
/// </remarks>
public sealed class TeamSuggester
{
    private readonly MatchEngine _engine;
    private readonly TaxonomyTagger _tagger;

    /// <summary>Creates a team suggester.</summary>
    /// <param name="engine">The matcher whose index holds the experts and their achievements.</param>
    /// <param name="tagger">The tagger that finds the need's industry sub-topics; <see langword="null"/> for one over <see cref="IndustryTaxonomy.Default"/>.</param>
    public TeamSuggester(MatchEngine engine, TaxonomyTagger? tagger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _tagger = tagger ?? new TaxonomyTagger();
    }

    /// <summary>Suggests a team for a need.</summary>
    /// <param name="request">The need: <see cref="MatchRequest.ForId"/>, <see cref="MatchRequest.ForDocument"/> or <see cref="MatchRequest.ForText"/>; its tenant decides which experts and achievements are visible.</param>
    /// <param name="options">Team size, candidates and sub-topic options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The team, its sub-topics and its coverage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The request's text or document has no searchable text.</exception>
    /// <exception cref="DocumentNotFoundException">A request by id names a document that does not exist or is not visible to the tenant.</exception>
    /// <exception cref="MatchingException">The index or ranker failed.</exception>
    public async Task<TeamSuggestion> SuggestAsync(MatchRequest request, TeamSuggestionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= new TeamSuggestionOptions();
        cancellationToken.ThrowIfCancellationRequested();
        var index = _engine.LuceneIndex;
        var document = request.DocumentId is { } id
            ? index.Read(request.Tenant, "suggest-team", scope => scope.Get(id)) ?? throw new DocumentNotFoundException($"Document '{id}' does not exist or is not visible to tenant '{request.Tenant}' (文档不存在或无权访问).", "suggest-team", index.Name)
            : request.Document;
        var text = document?.GetSearchText() ?? request.Text ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The need has no text to split into sub-topics (需求内容为空).", nameof(request));
        }

        var subTopics = SplitIntoSubTopics(text, request, options);
        var matchOptions = SubQueryOptions.For(options.Match, [DocumentKind.Expert], options.CandidateExperts);
        var experts = (await _engine.MatchAsync(request, matchOptions, cancellationToken).ConfigureAwait(false)).Items;
        if (experts.Count == 0)
        {
            return new TeamSuggestion([], subTopics, subTopics, 0);
        }

        var covers = Coverage(experts, subTopics, request.Tenant);
        var max = experts.Max(e => e.Score);
        var min = experts.Min(e => e.Score);
        var scale = experts.Select(e => max - min > 1e-9 ? 0.1 + (0.9 * (e.Score - min) / (max - min)) : 1.0).ToArray();

        var covered = new HashSet<SubTopic>();
        var members = new List<TeamMember>();
        var chosen = new HashSet<int>();
        while (members.Count < options.MaxMembers)
        {
            var best = -1;
            var bestValue = 0.0;
            for (var i = 0; i < experts.Count; i++)
            {
                var gain = chosen.Contains(i) ? 0 : covers[i].Where(t => !covered.Contains(t)).Sum(t => t.Weight);
                var value = gain * scale[i];
                if (value > bestValue + 1e-12)
                {
                    best = i;
                    bestValue = value;
                }
            }

            if (best < 0)
            {
                break;
            }

            var added = covers[best].Where(t => !covered.Contains(t)).ToArray();
            covered.UnionWith(added);
            chosen.Add(best);
            members.Add(new TeamMember(experts[best], covers[best], added));
        }

        if (members.Count == 0)
        {
            // No expert covers any sub-topic: the best match alone is still the most useful suggestion.
            members.Add(new TeamMember(experts[0], [], []));
        }

        var total = subTopics.Sum(t => t.Weight);
        var ratio = total > 0 ? Math.Round(covered.Sum(t => t.Weight) / total, 4) : 0;
        return new TeamSuggestion(members, subTopics, subTopics.Where(t => !covered.Contains(t)).ToArray(), ratio);
    }

    private List<SubTopic> SplitIntoSubTopics(string text, MatchRequest request, TeamSuggestionOptions options)
    {
        var tags = _tagger.Tag(text, max: 6).Where(t => t.Confidence >= options.MinTagConfidence).ToList();
        tags.RemoveAll(t => !t.TagId.Contains('.', StringComparison.Ordinal) && tags.Exists(o => o.TagId.StartsWith(t.TagId + ".", StringComparison.Ordinal)));
        var subTopics = tags.Take(options.MaxSubTopics).Select(t => new SubTopic(t.TagId, t.Name, SubTopicKind.IndustryTag, t.Confidence)).ToList();
        var tagEvidence = tags.SelectMany(t => t.Evidence).ToArray();

        var room = options.MaxSubTopics - subTopics.Count;
        if (room <= 0)
        {
            return subTopics;
        }

        // A need matched by id is in the index itself: a term must occur in at least one other document.
        var minDf = request.DocumentId is null ? 1 : 2;
        var index = _engine.LuceneIndex;
        var terms = QueryTerms.Create(text, index.Analyzer).Words.Where(IsReadable).ToArray();
        var informative = index.Read(request.Tenant, "suggest-team", scope =>
        {
            var reader = scope.Reader;
            return terms
                .Select(t => (Term: t, Df: reader.DocFreq(TextField.Words.Term(t))))
                .Where(x => x.Df >= minDf)
                .Select(x => (x.Term, Idf: Math.Log(1 + ((reader.MaxDoc - x.Df + 0.5) / (x.Df + 0.5)))))
                .ToArray();
        });
        var picked = informative
            .Where(x => !tagEvidence.Any(e => e.Contains(x.Term, StringComparison.Ordinal) || x.Term.Contains(e, StringComparison.Ordinal)))
            .OrderByDescending(x => index.Analyzer.Lexicon.Contains(x.Term)).ThenByDescending(x => x.Idf).ThenBy(x => x.Term, StringComparer.Ordinal)
            .Take(room)
            .ToArray();
        var maxIdf = picked.Length > 0 ? picked.Max(x => x.Idf) : 1;
        subTopics.AddRange(picked.Select(x => new SubTopic(x.Term, x.Term, SubTopicKind.Term, Math.Round(x.Idf / maxIdf, 4))));
        return subTopics;
    }

    /// <summary>Which sub-topics each expert covers, from the profile plus the supporting achievements (one batched read).</summary>
    private List<SubTopic>[] Coverage(IReadOnlyList<MatchResult> experts, List<SubTopic> subTopics, string tenant)
    {
        var index = _engine.LuceneIndex;
        var evidenceIds = experts.SelectMany(e => e.Explanation?.Evidence ?? []).Select(e => e.Id);
        var achievements = index.Read(tenant, "suggest-team", scope => scope.GetMany(evidenceIds, ExpertEvidence.MaxLinked));
        var result = new List<SubTopic>[experts.Count];
        for (var i = 0; i < experts.Count; i++)
        {
            var expert = experts[i];
            var texts = new List<string> { expert.Document.GetSearchText() };
            texts.AddRange((expert.Explanation?.Evidence ?? []).Select(e => achievements.GetValueOrDefault(e.Id)?.GetSearchText()).OfType<string>());
            var raw = string.Join("\n", texts);
            var normalized = index.Analyzer.Normalize(raw);
            var tagged = _tagger.Tag(raw, max: 20).Select(t => t.TagId).ToHashSet(StringComparer.Ordinal);
            result[i] = subTopics.Where(t => t.Kind == SubTopicKind.IndustryTag
                    ? expert.Document.IndustryTags.Contains(t.Id, StringComparer.Ordinal) || tagged.Contains(t.Id)
                    : normalized.Contains(t.Id, StringComparison.Ordinal))
                .ToList();
        }

        return result;
    }

    private static bool IsReadable(string term) =>
        term.Length >= 2 && !term.Any(char.IsDigit) && (term.Any(c => c >= '\u4e00' && c <= '\u9fff') || term.Length >= 3);
}
