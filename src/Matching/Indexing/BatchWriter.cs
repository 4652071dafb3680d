using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Diagnostics;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The write side of a <see cref="LuceneMatchIndex"/>: bulk upserts, rebuilds and deletes with document ownership
/// (an id belongs to the tenant that wrote it first), moves between partitions, and one commit switch per batch.
/// Not thread-safe: the facade serialises writes.
/// </summary>
internal sealed class BatchWriter
{
    private readonly PartitionSet _partitions;
    private readonly SmartCnTextAnalyzer _analyzer;
    private readonly int _threads;
    private readonly string _name;
    private readonly ILogger? _logger;

    public BatchWriter(PartitionSet partitions, SmartCnTextAnalyzer analyzer, int threads, string name, ILogger? logger)
    {
        _logger = logger;
        _partitions = partitions;
        _analyzer = analyzer;
        _threads = Math.Max(1, threads);
        _name = name;
    }

    /// <summary>Set when a failed write could not be rolled back: the index refuses further use until reopened.</summary>
    public Exception? Faulted { get; private set; }

    /// <summary><see cref="Write"/> with its trace activity, metrics and log lines.</summary>
    public BulkIndexResult WriteObserved(string operation, IReadOnlyList<MatchDocument> documents, bool replaceAll, float[][]? vectors, IProgress<IndexingProgress>? progress, CancellationToken cancellationToken)
    {
        using var activity = MatchingTelemetry.Source.StartActivity("index." + operation);
        activity?.SetTag("index.name", _name);
        activity?.SetTag("index.documents", documents.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var result = Write(operation, documents, replaceAll, vectors, progress, cancellationToken);
            MatchingTelemetry.IndexDuration.Record(clock.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
            MatchingTelemetry.IndexedDocuments.Add(result.Accepted);
            if (_logger is not null)
            {
                Log.Written(_logger, _name, operation, result.Accepted, result.Rejected, clock.Elapsed.TotalMilliseconds);
            }

            return result;
        }
        catch (MatchingException ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            if (_logger is not null)
            {
                Log.WriteFailed(_logger, ex, _name, operation);
            }

            throw;
        }
    }

    /// <summary>Writes a batch in one commit; <paramref name="vectors"/> (aligned with the documents) are stored with them when given.</summary>
    public BulkIndexResult Write(string operation, IReadOnlyList<MatchDocument> documents, bool replaceAll, float[][]? vectors, IProgress<IndexingProgress>? progress, CancellationToken cancellationToken)
    {
        var outcomes = new IndexingOutcome?[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            _ = documents[i] ?? throw new ArgumentException($"Document at position {i} is null.", nameof(documents));
        }

        var processed = 0;
        var rejected = 0;
        RunWrite(operation, () =>
        {
            var existing = replaceAll ? [] : Locate(documents.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToArray());
            rejected = DecideOwnership(documents, existing, outcomes);
            if (replaceAll)
            {
                foreach (var p in _partitions.All())
                {
                    p.Writer.DeleteAll();
                    p.Dirty = true;
                }
            }

            // Open the partitions this batch writes to before going parallel.
            for (var i = 0; i < documents.Count; i++)
            {
                if (outcomes[i] is null)
                {
                    _partitions.GetOrOpen(TenantPartitioning.KeyFor(documents[i])).Dirty = true;
                }
            }

            Parallel.For(
                0,
                documents.Count,
                new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken },
                i =>
                {
                    if (outcomes[i] is null)
                    {
                        outcomes[i] = Index(documents[i], existing.GetValueOrDefault(documents[i].Id), vectors?[i]);
                        if (!outcomes[i]!.Accepted)
                        {
                            Interlocked.Increment(ref rejected);
                        }
                    }

                    var done = Interlocked.Increment(ref processed);
                    if (progress is not null && (done % 1000 == 0 || done == documents.Count))
                    {
                        progress.Report(new IndexingProgress(done, documents.Count, Volatile.Read(ref rejected)));
                    }
                });
            cancellationToken.ThrowIfCancellationRequested();
            CommitDirty();
        });

        if (progress is not null && documents.Count == 0)
        {
            progress.Report(new IndexingProgress(0, 0, 0));
        }

        return new BulkIndexResult(outcomes.Select(o => o!).ToArray());
    }

    /// <summary>Merges every partition down to at most <paramref name="maxSegments"/> segments and commits them in one switch.</summary>
    public bool ForceMerge(int maxSegments, CancellationToken cancellationToken)
    {
        RunWrite("force-merge", () =>
        {
            foreach (var p in _partitions.All())
            {
                cancellationToken.ThrowIfCancellationRequested();
                p.Writer.ForceMerge(maxSegments, doWait: true);
                p.Dirty = true;
            }

            cancellationToken.ThrowIfCancellationRequested();
            CommitDirty();
        });
        return true;
    }

    /// <summary>Deletes a document of <paramref name="tenant"/>; <see langword="false"/> when absent.</summary>
    public bool Delete(string id, string tenant)
    {
        var found = false;
        RunWrite("delete", () =>
        {
            if (Locate([id]).GetValueOrDefault(id) is not { } location)
            {
                return;
            }

            if (!string.Equals(location.Owner, tenant, StringComparison.Ordinal))
            {
                throw new DocumentOwnershipException(id, location.Owner, tenant, "delete", _name);
            }

            foreach (var p in location.Holders)
            {
                p.Writer.DeleteDocuments(new Term(IndexFields.Id, id));
                p.Dirty = true;
            }

            CommitDirty();
            found = true;
        });
        return found;
    }

    /// <summary>
    /// The ownership rule of a batch: an id's owner is its owner in the index, or else the tenant of its first copy in
    /// the batch. Copies of another tenant are refused; of the owner's copies the last wins and the earlier are superseded.
    /// </summary>
    private static int DecideOwnership(IReadOnlyList<MatchDocument> documents, Dictionary<string, Location> existing, IndexingOutcome?[] outcomes)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejected = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            if (!owners.TryGetValue(d.Id, out var owner))
            {
                owner = existing.TryGetValue(d.Id, out var location) ? location.Owner : d.Tenant;
                owners[d.Id] = owner;
            }

            if (!string.Equals(owner, d.Tenant, StringComparison.Ordinal))
            {
                outcomes[i] = new IndexingOutcome(d.Id, false, DocumentOwnershipException.Describe(d.Id, owner, d.Tenant)) { Owner = owner };
                rejected++;
                continue;
            }

            if (lastIndexOf.TryGetValue(d.Id, out var earlier))
            {
                outcomes[earlier] = new IndexingOutcome(d.Id, false, $"Superseded by a later document with the same id at position {i} (同批次重复标识).");
                rejected++;
            }

            lastIndexOf[d.Id] = i;
        }

        return rejected;
    }

    /// <summary>Where each id lives now (committed state; writes are serialised) and who owns it.</summary>
    private Dictionary<string, Location> Locate(string[] ids)
    {
        var result = new Dictionary<string, Location>(StringComparer.Ordinal);
        var partitions = _partitions.All();
        var searchers = partitions.Select(p => (Partition: p, Manager: p.Searchers, Searcher: p.Searchers.Acquire())).ToArray();
        try
        {
            // Only partitions that hold documents are asked (a fresh index answers every lookup for free).
            var nonEmpty = searchers.Where(s => s.Searcher.IndexReader.NumDocs > 0).ToArray();
            if (nonEmpty.Length == 0)
            {
                return result;
            }

            var found = new Location?[ids.Length];
            Parallel.For(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
            {
                var query = new TermQuery(new Term(IndexFields.Id, ids[i]));
                string? owner = null;
                List<IndexPartition>? holders = null;
                foreach (var (partition, _, searcher) in nonEmpty)
                {
                    var hits = searcher.Search(query, 1);
                    if (hits.TotalHits == 0)
                    {
                        continue;
                    }

                    (holders ??= []).Add(partition);
                    owner ??= TenantPartitioning.TenantOf(partition.Key)
                        ?? searcher.Doc(hits.ScoreDocs[0].Doc, OwnerField).Get(IndexFields.Tenant)
                        ?? MatchDocument.DefaultTenant;
                }

                found[i] = holders is null ? null : new Location(owner!, holders);
            });
            for (var i = 0; i < ids.Length; i++)
            {
                if (found[i] is { } location)
                {
                    result[ids[i]] = location;
                }
            }

            return result;
        }
        finally
        {
            foreach (var (_, manager, searcher) in searchers)
            {
                manager.Release(searcher);
            }
        }
    }

    private static readonly HashSet<string> OwnerField = [IndexFields.Tenant];

    private IndexingOutcome Index(MatchDocument document, Location? existing, float[]? vector)
    {
        Lucene.Net.Documents.Document luceneDoc;
        try
        {
            luceneDoc = DocumentMapper.ToLucene(DocumentMapper.Analyze(document, _analyzer));
            if (vector is not null)
            {
                luceneDoc.Add(DocumentMapper.VectorField(vector));
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            return new IndexingOutcome(document.Id, false, $"Analysis failed (分析失败): {ex.Message}");
        }

        var idTerm = new Term(IndexFields.Id, document.Id);
        var target = _partitions.Get(TenantPartitioning.KeyFor(document))!;
        target.Writer.UpdateDocument(idTerm, luceneDoc);
        foreach (var p in existing?.Holders ?? [])
        {
            if (p != target)
            {
                // The document moved (its owner changed its visibility): remove the old copy.
                p.Writer.DeleteDocuments(idTerm);
                p.Dirty = true;
            }
        }

        return new IndexingOutcome(document.Id, true);
    }

    /// <summary>Prepares every changed partition's commit (the slow, fsyncing half), then switches them all at once.</summary>
    private void CommitDirty()
    {
        var now = DateTimeOffset.UtcNow;
        var dirty = _partitions.All().Where(p => p.Dirty).ToArray();
        foreach (var p in dirty)
        {
            p.PrepareCommit(now, p.Key == TenantPartitioning.PublicKey ? _partitions.PublicCommitData() : null);
        }

        _partitions.FinishCommits(dirty);
    }

    /// <summary>Runs a write; on failure or cancellation every partition goes back to its last commit and the error surfaces typed.</summary>
    private void RunWrite(string operation, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or UnauthorizedAccessException or AggregateException)
        {
            ResetAll();
            var cause = ex is AggregateException agg ? agg.Flatten().InnerExceptions[0] : ex;
            if (cause is OperationCanceledException canceled)
            {
                throw canceled;
            }

            if (cause is CorruptIndexException)
            {
                throw CorruptionGuard.Wrap(cause, operation, _name);
            }

            throw new MatchingException($"Index operation '{operation}' failed on '{_name}' (索引操作失败): {cause.Message}. The index is at its last commit.", operation, _name, cause);
        }
    }

    private void ResetAll()
    {
        foreach (var p in _partitions.All())
        {
            try
            {
                p.Reset();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or MatchingException)
            {
                // The directory is still failing (e.g. the disk is still full): refuse further use until reopened.
                Faulted = ex;
            }
        }
    }

    /// <summary>Where an id lives: its owner and the partitions holding a copy (normally one).</summary>
    private sealed record Location(string Owner, List<IndexPartition> Holders);
}
