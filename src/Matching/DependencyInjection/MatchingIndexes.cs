using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Diagnostics;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.DependencyInjection;

/// <summary>The named indexes and their matchers configured with <see cref="QuanzhouMatchingOptions"/>; opened on first use or at host start-up.</summary>
/// <remarks>A thread-safe singleton; disposing it closes every index.</remarks>
public sealed class MatchingIndexes : IDisposable, IAsyncDisposable
{
    private readonly QuanzhouMatchingOptions _options;
    private readonly ILogger _logger;
    private readonly IRankingFeature[] _features;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly ConcurrentDictionary<string, Lazy<(LuceneMatchIndex Index, MatchEngine Matcher)>> _open = new(StringComparer.OrdinalIgnoreCase);
    private int _disposed;

    /// <summary>Creates the registry.</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">A logger; optional.</param>
    /// <param name="customFeatures">
    /// The registered <see cref="IRankingFeature"/>s; an index whose model was trained with custom features gets the ones
    /// it names, in the model's order. Optional.
    /// </param>
    /// <param name="embeddingGenerator">
    /// The host's embedding model for hybrid matching (see <see cref="MatchIndexSettings.UseEmbeddings"/>); optional: without
    /// it every index is lexical.
    /// </param>
    public MatchingIndexes(IOptions<QuanzhouMatchingOptions> options, ILogger<MatchingIndexes>? logger = null, IEnumerable<IRankingFeature>? customFeatures = null, IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null)
    {
        _embeddings = embeddingGenerator;
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _features = customFeatures?.ToArray() ?? [];
    }

    /// <summary>The configured index names (the default index when none are configured).</summary>
    public IReadOnlyCollection<string> Names => _options.Indexes.Count == 0 ? [_options.DefaultIndex] : _options.Indexes.Keys;

    /// <summary>Gets (opening it if needed) a named index.</summary>
    /// <param name="name">The index name; <see langword="null"/> for the default.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException">No index has that name.</exception>
    public LuceneMatchIndex GetIndex(string? name = null) => Get(name).Index;

    /// <summary>Gets the matcher of a named index.</summary>
    /// <param name="name">The index name; <see langword="null"/> for the default.</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="ArgumentException">No index has that name.</exception>
    public MatchEngine GetMatcher(string? name = null) => Get(name).Matcher;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var (name, lazy) in _open)
        {
            if (!lazy.IsValueCreated)
            {
                continue;
            }

            try
            {
                lazy.Value.Index.Dispose();
                Log.IndexClosed(_logger, name);
            }
            catch (Exception ex) when (ex is IOException or MatchingException or ObjectDisposedException)
            {
                Log.CloseFailed(_logger, ex, name);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private (LuceneMatchIndex Index, MatchEngine Matcher) Get(string? name)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        name ??= _options.DefaultIndex;
        MatchIndexSettings settings;
        if (_options.Indexes.Count == 0 && string.Equals(name, _options.DefaultIndex, StringComparison.OrdinalIgnoreCase))
        {
            settings = new MatchIndexSettings();
        }
        else if (!_options.Indexes.TryGetValue(name, out settings!))
        {
            throw new ArgumentException($"No index named '{name}' is configured (未配置该索引); configured: {string.Join(", ", Names)}.", nameof(name));
        }

        return _open.GetOrAdd(name, n => new Lazy<(LuceneMatchIndex, MatchEngine)>(() => Open(n, settings), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private (LuceneMatchIndex Index, MatchEngine Matcher) Open(string name, MatchIndexSettings settings)
    {
        var analyzer = settings.LexiconPath is { Length: > 0 } lexicon
            ? new SmartCnTextAnalyzer(new TextAnalyzerOptions { Lexicon = DomainLexicon.Default.WithTerms(DomainLexicon.Load(lexicon).Terms) })
            : SmartCnTextAnalyzer.Default;
        var indexOptions = new LuceneMatchIndexOptions
        {
            Analyzer = analyzer,
            IndexingThreads = settings.IndexingThreads,
            SearchThreadsPerQuery = settings.SearchThreadsPerQuery,
            RamBufferSizeMb = settings.RamBufferSizeMb,
            Logger = _logger,
            Embeddings = _embeddings is not null && settings.UseEmbeddings
                ? new Embeddings.EmbeddingOptions(_embeddings) { QueryInstruction = settings.EmbeddingQueryInstruction, DocumentInstruction = settings.EmbeddingDocumentInstruction }
                : null,
        };
        var index = settings.Path is { Length: > 0 } path ? LuceneMatchIndex.Open(path, indexOptions) : LuceneMatchIndex.CreateInMemory(indexOptions);
        try
        {
            IMatchRanker ranker = string.Equals(settings.Ranker, "bm25", StringComparison.OrdinalIgnoreCase)
                ? Bm25MatchRanker.Instance
                : settings.ModelDirectory is { Length: > 0 } model
                    ? LearnedMatchRanker.Load(Path.Combine(model, TrainedRankingModel.ModelFileName), Path.Combine(model, TrainedRankingModel.ManifestFileName))
                    : LearnedMatchRanker.Default;
            var stats = index.AllTenantsStatistics();
            Log.IndexOpened(_logger, name, index.Name, stats.TotalDocuments, ranker.Name);
            return (index, new MatchEngine(index, ranker) { CustomFeatures = CustomFeatureSet.For(ranker, _features) });
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }
}
