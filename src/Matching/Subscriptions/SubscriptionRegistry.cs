using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Index.Memory;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Subscriptions;

/// <summary>
/// Saved needs and saved interests (订阅) and the reverse search that finds which of them a newly indexed document matches.
/// </summary>
/// <remarks>
/// <para>
/// Reverse search: the new document is analysed once exactly as the main index analyses it (SmartCn words with the domain
/// lexicon, and CJK bigrams) into a single-document Lucene.Net <see cref="MemoryIndex"/>; each subscription whose filters
/// accept the document (<see cref="Subscription.Accepts"/>: tenant visibility, target kinds, tags, region) runs its query
/// against it.
/// </para>
/// <para>
/// Score (the threshold's meaning): a subscription's query is a constant-score OR of its distinct terms, each boosted by
/// its share of the subscription's total term weight — words carry 0.6 of the total and bigrams 0.4 (the fusion weights
/// measured best for retrieval). A term's weight is its BM25 idf in <see cref="SubscriptionRegistryOptions.StatisticsIndex"/>
/// (over what the subscription's tenant may see), or 1 without one. The score is therefore the share of the subscription's
/// idf-weighted terms that the document contains, in [0, 1]: the query scored against its own text is 1, a document
/// sharing no term 0. It does not depend on the document's length, so one threshold fits short and long documents.
/// </para>
/// <para>Thread-safe: register, remove and find matches from any thread. Registering the same id again replaces the subscription.</para>
/// </remarks>
public sealed class SubscriptionRegistry
{
    /// <summary>Share of the total weight carried by SmartCn words; bigrams carry the rest.</summary>
    internal const double WordShare = 0.6;

    private const int MaxTermsPerField = 400;
    private const int MaxMatchedTerms = 12;

    private readonly ConcurrentDictionary<string, CompiledSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly SmartCnTextAnalyzer _analyzer;
    private readonly LuceneMatchIndex? _statistics;

    /// <summary>Creates an empty registry.</summary>
    /// <param name="options">Statistics index and analyzer; <see langword="null"/> for uniform term weights and the default analyzer.</param>
    public SubscriptionRegistry(SubscriptionRegistryOptions? options = null)
    {
        _statistics = options?.StatisticsIndex;
        _analyzer = _statistics?.Analyzer ?? options?.Analyzer ?? SmartCnTextAnalyzer.Default;
    }

    /// <summary>How many subscriptions are registered.</summary>
    public int Count => _subscriptions.Count;

    /// <summary>Registers a subscription, replacing one with the same id.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subscription"/> is null.</exception>
    public void Register(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var normalized = _analyzer.Normalize(subscription.Text);
        if (normalized.Length > DocumentMapper.MaxAnalyzedChars)
        {
            normalized = normalized[..DocumentMapper.MaxAnalyzedChars];
        }

        var words = Distinct(_analyzer.AnalyzeWordsNormalized(normalized));
        var bigrams = Distinct(_analyzer.AnalyzeBigramsNormalized(normalized));
        _subscriptions[subscription.Id] = new CompiledSubscription(subscription, words, bigrams);
    }

    /// <summary>Removes a subscription.</summary>
    /// <param name="id">The subscription id.</param>
    /// <returns><see langword="true"/> when it was registered.</returns>
    public bool Remove(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _subscriptions.TryRemove(id, out _);
    }

    /// <summary>Returns a subscription by id.</summary>
    /// <param name="id">The subscription id.</param>
    /// <returns>The subscription, or <see langword="null"/> when none has this id.</returns>
    public Subscription? Get(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _subscriptions.TryGetValue(id, out var s) ? s.Subscription : null;
    }

    /// <summary>Returns the registered subscriptions ordered by id, optionally of one tenant.</summary>
    /// <param name="tenant">Only this tenant's subscriptions; <see langword="null"/> for all.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<Subscription> GetAll(string? tenant = null) =>
        _subscriptions.Values
            .Select(c => c.Subscription)
            .Where(s => tenant is null || string.Equals(s.Tenant, tenant, StringComparison.Ordinal))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Finds the subscriptions a new document matches at or above their thresholds.</summary>
    /// <param name="newDocument">The document just indexed (or about to be): an achievement, expert or need.</param>
    /// <param name="options">Result cap and score floor; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Notifications, best score first (ties by subscription id).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="newDocument"/> is null.</exception>
    /// <exception cref="MatchingException">Reading the statistics index failed.</exception>
    public Task<IReadOnlyList<SubscriptionNotification>> FindMatchesAsync(MatchDocument newDocument, SubscriptionMatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newDocument);
        options ??= new SubscriptionMatchOptions();
        cancellationToken.ThrowIfCancellationRequested();

        var analyzed = DocumentMapper.Analyze(newDocument, _analyzer);
        var documentWords = analyzed.Words.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var documentBigrams = analyzed.Bigrams.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);

        // Cheap filters first: visibility, kinds, tags, region, and at least one shared term.
        var candidates = _subscriptions.Values
            .Where(c => c.Subscription.Accepts(newDocument) && (c.Words.Any(documentWords.Contains) || c.Bigrams.Any(documentBigrams.Contains)))
            .OrderBy(c => c.Subscription.Id, StringComparer.Ordinal)
            .ToArray();
        if (candidates.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<SubscriptionNotification>>([]);
        }

        var memory = new MemoryIndex();
        memory.AddField(TextField.Words.Name(), new TokenListStream(analyzed.Words, analyzed.NormalizedText.Length));
        memory.AddField(TextField.Bigrams.Name(), new TokenListStream(analyzed.Bigrams, analyzed.NormalizedText.Length));
        var searcher = memory.CreateSearcher();
        searcher.Similarity = TermShareSimilarity.Instance;

        var notifications = new List<SubscriptionNotification>();
        foreach (var group in candidates.GroupBy(c => c.Subscription.Tenant, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_statistics is null)
            {
                Score(group, searcher, newDocument, documentWords, documentBigrams, options, static (_, _) => 1.0, notifications, cancellationToken);
                continue;
            }

            try
            {
                _statistics.Read(group.Key, "subscriptions", scope =>
                {
                    var reader = scope.Reader;
                    var n = reader.NumDocs;
                    Func<TextField, string, double> weight = n == 0
                        ? static (_, _) => 1.0
                        : (field, term) =>
                        {
                            var df = reader.DocFreq(field.Term(term));
                            return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
                        };
                    Score(group, searcher, newDocument, documentWords, documentBigrams, options, weight, notifications, cancellationToken);
                    return 0;
                });
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                throw new MatchingException($"Reading term statistics for subscriptions failed (读取订阅统计失败): {ex.Message}", "subscriptions", _statistics.Name, ex);
            }
        }

        IReadOnlyList<SubscriptionNotification> result = notifications
            .OrderByDescending(n => n.Score)
            .ThenBy(n => n.SubscriptionId, StringComparer.Ordinal)
            .Take(options.Top)
            .ToArray();
        return Task.FromResult(result);
    }

    /// <summary>Writes every subscription as one JSON object per line (JSON lines), ordered by id, so nothing is lost on restart.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when everything is written.</returns>
    public async Task ExportAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var subscription in GetAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(SubscriptionJson.Write(subscription).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads subscriptions written by <see cref="ExportAsync"/> and registers the valid ones. A bad line is reported with
    /// its line number in <see cref="SubscriptionImportResult.Errors"/> and skipped; reading goes on. Blank lines are skipped.
    /// </summary>
    /// <param name="reader">The source.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were registered and the rejected lines.</returns>
    public async Task<SubscriptionImportResult> ImportAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<string>();
        var imported = 0;
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (SubscriptionJson.TryParse(line, out var subscription, out var error))
            {
                Register(subscription);
                imported++;
            }
            else
            {
                errors.Add($"line {lineNumber}: {error}");
            }
        }

        return new SubscriptionImportResult(imported, errors);
    }

    private static void Score(
        IEnumerable<CompiledSubscription> subscriptions,
        IndexSearcher searcher,
        MatchDocument document,
        HashSet<string> documentWords,
        HashSet<string> documentBigrams,
        SubscriptionMatchOptions options,
        Func<TextField, string, double> weight,
        List<SubscriptionNotification> notifications,
        CancellationToken cancellationToken)
    {
        foreach (var c in subscriptions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wordWeights = c.Words.Select(t => weight(TextField.Words, t)).ToArray();
            var bigramWeights = c.Bigrams.Select(t => weight(TextField.Bigrams, t)).ToArray();
            double wordTotal = wordWeights.Sum(), bigramTotal = bigramWeights.Sum();
            var wordShare = bigramTotal == 0 ? 1.0 : wordTotal == 0 ? 0.0 : WordShare;
            var bigramShare = 1.0 - wordShare;

            // Terms absent from the document would score 0, so only present ones become clauses.
            var query = new BooleanQuery(disableCoord: true);
            AddClauses(query, TextField.Words, c.Words, wordWeights, wordTotal, wordShare, documentWords);
            AddClauses(query, TextField.Bigrams, c.Bigrams, bigramWeights, bigramTotal, bigramShare, documentBigrams);
            if (query.Clauses.Count == 0)
            {
                continue;
            }

            var hits = searcher.Search(query, 1);
            var score = hits.TotalHits == 0 ? 0.0 : Math.Clamp(Math.Round(hits.ScoreDocs[0].Score, 4), 0.0, 1.0);
            var threshold = Math.Max(c.Subscription.Threshold, options.MinScore ?? 0);
            if (score < threshold)
            {
                continue;
            }

            var matched = c.Words
                .Select((t, i) => (Term: t, Weight: wordWeights[i]))
                .Where(x => x.Term.Length > 1 && documentWords.Contains(x.Term))
                .OrderByDescending(x => x.Weight).ThenByDescending(x => x.Term.Length).ThenBy(x => x.Term, StringComparer.Ordinal)
                .Take(MaxMatchedTerms)
                .Select(x => x.Term)
                .ToArray();
            var s = c.Subscription;
            notifications.Add(new SubscriptionNotification(s.Id, s.Tenant, s.Owner, document.Id, document.Kind, document.Title, score, matched));
        }
    }

    private static void AddClauses(BooleanQuery query, TextField field, string[] terms, double[] weights, double total, double share, HashSet<string> present)
    {
        if (total <= 0 || share <= 0)
        {
            return;
        }

        for (var i = 0; i < terms.Length; i++)
        {
            if (present.Contains(terms[i]))
            {
                query.Add(new ConstantScoreQuery(new TermQuery(field.Term(terms[i]))) { Boost = (float)(share * weights[i] / total) }, Occur.SHOULD);
            }
        }
    }

    private static string[] Distinct(List<AnalyzedToken> tokens) =>
        tokens.Select(t => t.Term).Distinct(StringComparer.Ordinal).Take(MaxTermsPerField).ToArray();

    private sealed record CompiledSubscription(Subscription Subscription, string[] Words, string[] Bigrams);

    /// <summary>Scores a constant-score OR query as the plain sum of its clause boosts (no query norm, no coord).</summary>
    private sealed class TermShareSimilarity : DefaultSimilarity
    {
        public static readonly TermShareSimilarity Instance = new();

        public override float QueryNorm(float sumOfSquaredWeights) => 1f;

        public override float Coord(int overlap, int maxOverlap) => 1f;
    }
}
