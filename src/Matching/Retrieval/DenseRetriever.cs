using Lucene.Net.Search;
using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Retrieval;

/// <summary>
/// The dense candidate source: an exact scan of the scope's vectors (int8 dot products, SIMD) under the same kinds and
/// filters as BM25. The scope reads only the public partition and the caller's own, so another tenant's private
/// documents are never scanned; the caller re-checks visibility on the stored fields as for BM25 hits.
/// </summary>
internal static class DenseRetriever
{
    /// <summary>The <paramref name="count"/> most similar accepted documents (top-level doc ids), best first; ties by doc id.</summary>
    public static List<(int Doc, float Score)> Search(SearchScope scope, QueryVector query, KindFilter kinds, Filter? filter, int count, int dimensions)
    {
        // A min-heap of the best so far: the root is the weakest kept (lowest score, then highest doc id).
        var heap = new PriorityQueue<(int Doc, float Score), (float Score, int Doc)>(count + 1, WeakestFirst.Instance);
        if (count <= 0)
        {
            return [];
        }

        foreach (var leaf in scope.Reader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var vectors = SegmentVectors.For(reader, dimensions, scope.IndexName);
            var accept = kinds.Accept(reader, reader.LiveDocs);
            if (filter is not null)
            {
                var iterator = filter.GetDocIdSet(leaf, accept)?.GetIterator();
                if (iterator is null)
                {
                    continue;
                }

                for (var doc = iterator.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator.NextDoc())
                {
                    Offer(heap, count, vectors, doc, leaf.DocBase, query);
                }

                continue;
            }

            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (accept is null || accept.Get(doc))
                {
                    Offer(heap, count, vectors, doc, leaf.DocBase, query);
                }
            }
        }

        var result = new List<(int Doc, float Score)>(heap.Count);
        while (heap.TryDequeue(out var hit, out _))
        {
            result.Add(hit);
        }

        result.Reverse();
        return result;
    }

    /// <summary>The dense score of one top-level document, or <see langword="null"/> when it has no vector.</summary>
    public static float? ScoreOf(SearchScope scope, int doc, QueryVector query, int dimensions)
    {
        var leaves = scope.Reader.Leaves;
        var leaf = leaves[Lucene.Net.Index.ReaderUtil.SubIndex(doc, leaves)];
        var vectors = SegmentVectors.For(leaf.AtomicReader, dimensions, scope.IndexName);
        var local = doc - leaf.DocBase;
        return vectors.Has(local) ? vectors.Score(local, query) : null;
    }

    private static void Offer(PriorityQueue<(int Doc, float Score), (float Score, int Doc)> heap, int count, SegmentVectors vectors, int doc, int docBase, QueryVector query)
    {
        if (!vectors.Has(doc))
        {
            return;
        }

        var score = vectors.Score(doc, query);
        var entry = (Score: score, Doc: docBase + doc);
        if (heap.Count < count)
        {
            heap.Enqueue((entry.Doc, score), entry);
        }
        else if (heap.TryPeek(out _, out var weakest) && WeakestFirst.Instance.Compare(weakest, entry) < 0)
        {
            heap.DequeueEnqueue((entry.Doc, score), entry);
        }
    }

    /// <summary>Orders hits weakest first: lower score, then (for equal scores) higher doc id.</summary>
    private sealed class WeakestFirst : IComparer<(float Score, int Doc)>
    {
        public static readonly WeakestFirst Instance = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Doc.CompareTo(x.Doc);
        }
    }
}
