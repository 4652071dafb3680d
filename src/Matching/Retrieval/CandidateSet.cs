using System.Collections;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Retrieval;

/// <summary>
/// The candidates one query retrieved (BM25 and, in hybrid matching, dense — each <see cref="Candidate"/> keeps its
/// per-source scores and ranks), in retrieval order, with what the features derive from the whole set: the best
/// retrieval score and the pseudo-relevance feedback model. Built once after retrieval and never changed.
/// </summary>
internal sealed class CandidateSet : IReadOnlyList<Candidate>
{
    /// <summary>How many top candidates feed the pseudo-relevance model.</summary>
    public const int FeedbackDocuments = 10;

    /// <summary>How many expansion terms the pseudo-relevance model keeps.</summary>
    public const int FeedbackTermCount = 30;

    private static readonly Dictionary<string, double> NoFeedback = new(StringComparer.Ordinal);

    private readonly List<Candidate> _candidates;

    /// <summary>Builds the set.</summary>
    /// <param name="query">The query the candidates were retrieved for.</param>
    /// <param name="candidates">The candidates in retrieval order (the list is kept, not copied: do not change it afterwards).</param>
    /// <param name="withFeedback">Whether to build the feedback model (the ranking features need it; BM25-only ranking does not).</param>
    public CandidateSet(QueryContext query, List<Candidate> candidates, bool withFeedback)
    {
        Query = query;
        _candidates = candidates;
        MaxRetrievalScore = candidates.Count > 0 ? candidates.Max(c => c.Score) : 0;
        FeedbackTerms = withFeedback ? Feedback(query, candidates) : NoFeedback;
    }

    /// <summary>The query.</summary>
    public QueryContext Query { get; }

    /// <summary>The best BM25 score among the candidates (0 when none).</summary>
    public float MaxRetrievalScore { get; }

    /// <summary>Pseudo-relevance-feedback terms (RM3-style) from the top retrieved candidates, with weights summing to 1; empty when not built.</summary>
    /// <remarks>A <see cref="Dictionary{TKey, TValue}"/> for its span lookup (the features match stored token slices); never changed after construction.</remarks>
    public Dictionary<string, double> FeedbackTerms { get; }

    /// <inheritdoc />
    public int Count => _candidates.Count;

    /// <inheritdoc />
    public Candidate this[int index] => _candidates[index];

    /// <inheritdoc />
    public IEnumerator<Candidate> GetEnumerator() => _candidates.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The RM3-style expansion model: P(t|D) weighted by each top document's share of the retrieval score, times idf; query words excluded.</summary>
    private static Dictionary<string, double> Feedback(QueryContext query, List<Candidate> candidates)
    {
        var top = candidates.Take(FeedbackDocuments).ToArray();
        var total = top.Sum(c => (double)c.Score);
        if (top.Length == 0 || total <= 0)
        {
            return NoFeedback;
        }

        var raw = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in top)
        {
            var tokens = c.Stored.JoinedWords.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            var weight = c.Score / total / tokens.Length;
            foreach (var t in tokens)
            {
                if (t.Length > 1 && !query.WordIndex.ContainsKey(t))
                {
                    raw[t] = raw.GetValueOrDefault(t) + weight;
                }
            }
        }

        var shortlist = raw.OrderByDescending(kv => kv.Value).Take(FeedbackTermCount * 3).ToArray();
        var docFreqs = QueryTermStatistics.DocFreqs(query.Reader, TextField.Words, shortlist.Select(kv => kv.Key).ToArray());
        var weighted = shortlist
            .Select((kv, i) => (kv.Key, w: kv.Value * QueryContext.Idf(docFreqs[i], query.MaxDoc)))
            .OrderByDescending(x => x.w).Take(FeedbackTermCount).ToArray();
        var sum = weighted.Sum(x => x.w);
        return sum > 0 ? weighted.ToDictionary(x => x.Key, x => x.w / sum, StringComparer.Ordinal) : NoFeedback;
    }
}
