using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Retrieval;

/// <summary>
/// Hybrid candidates: the BM25 top K united with the dense top K of the same scope, kinds and filters. Every candidate
/// carries both signals — the dense similarity of the BM25 hits, and the BM25 score of the dense-only hits (the same
/// query over just those documents, so it equals what the full search would have given them; 0 when they share no term).
/// </summary>
internal static class CandidateFusion
{
    /// <summary>The united candidates: BM25 hits in BM25 order, then dense-only hits in dense order.</summary>
    /// <param name="scope">The tenant's read scope.</param>
    /// <param name="lexical">The BM25 hits (already without the excluded and invisible documents).</param>
    /// <param name="restricted">The restricted text query, or <see langword="null"/> when the query has no indexed term.</param>
    /// <param name="kinds">The accepted kinds.</param>
    /// <param name="metadata">The industry, region and maturity filter, or <see langword="null"/>.</param>
    /// <param name="query">The quantised query vector.</param>
    /// <param name="densePool">How many dense hits to add (0: none, only the dense scores of the BM25 hits).</param>
    /// <param name="dimensions">The index's vector length.</param>
    /// <param name="excludeId">The query's own document, never a candidate.</param>
    public static List<Candidate> Unite(SearchScope scope, List<Candidate> lexical, (Query Query, Filter? Filter)? restricted, KindFilter kinds, Filter? metadata, QueryVector query, int densePool, int dimensions, string? excludeId)
    {
        var united = new List<Candidate>(lexical.Count + densePool);
        var seen = new HashSet<int>();
        for (var i = 0; i < lexical.Count; i++)
        {
            united.Add(lexical[i] with { LexicalRank = i + 1, Dense = DenseRetriever.ScoreOf(scope, lexical[i].DocId, query, dimensions) });
            seen.Add(lexical[i].DocId);
        }

        if (densePool > 0)
        {
            var added = new List<(int Doc, float Score, StoredDocument Stored)>();
            foreach (var (doc, score) in DenseRetriever.Search(scope, query, kinds, metadata, densePool + (excludeId is null ? 0 : 1), dimensions))
            {
                if (added.Count == densePool || !seen.Add(doc))
                {
                    continue;
                }

                if (scope.Load(doc, excludeId) is { } stored)
                {
                    added.Add((doc, score, stored));
                }
            }

            var lexicalScores = restricted is { } r && added.Count > 0 ? ScoresOf(scope.Searcher, r.Query, [.. added.Select(a => a.Doc)]) : [];
            united.AddRange(added.Select(a => new Candidate(a.Doc, lexicalScores.GetValueOrDefault(a.Doc), a.Stored) { Dense = a.Score }));
        }

        // Dense ranks among the candidates: higher similarity first, ties in candidate order.
        var order = Enumerable.Range(0, united.Count).Where(i => united[i].Dense is not null).OrderByDescending(i => united[i].Dense!.Value).ThenBy(i => i).ToArray();
        for (var rank = 0; rank < order.Length; rank++)
        {
            united[order[rank]] = united[order[rank]] with { DenseRank = rank + 1 };
        }

        return united;
    }

    /// <summary>The BM25 scores of <paramref name="docs"/> under <paramref name="query"/> (absent: no term matched).</summary>
    private static Dictionary<int, float> ScoresOf(IndexSearcher searcher, Query query, int[] docs)
    {
        Array.Sort(docs);
        var scores = new Dictionary<int, float>(docs.Length);
        foreach (var hit in searcher.Search(query, new DocSetFilter(docs), docs.Length).ScoreDocs)
        {
            scores[hit.Doc] = hit.Score;
        }

        return scores;
    }

    /// <summary>Accepts exactly the given top-level documents (sorted).</summary>
    private sealed class DocSetFilter(int[] sortedDocs) : Filter
    {
        public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
        {
            var maxDoc = context.AtomicReader.MaxDoc;
            var start = Array.BinarySearch(sortedDocs, context.DocBase);
            start = start < 0 ? ~start : start;
            if (start == sortedDocs.Length || sortedDocs[start] >= context.DocBase + maxDoc)
            {
                return null;
            }

            var bits = new FixedBitSet(maxDoc);
            for (var i = start; i < sortedDocs.Length && sortedDocs[i] < context.DocBase + maxDoc; i++)
            {
                bits.Set(sortedDocs[i] - context.DocBase);
            }

            return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
        }
    }
}
