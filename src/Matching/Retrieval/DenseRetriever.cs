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
    /// <summary>Scopes with at least this many documents are scanned on all cores, one segment per task.</summary>
    internal const int ParallelThreshold = 50_000;

    /// <summary>The <paramref name="count"/> most similar accepted documents (top-level doc ids), best first; ties by doc id.</summary>
    public static List<(int Doc, float Score)> Search(SearchScope scope, QueryVector query, KindFilter kinds, Filter? filter, int count, int dimensions)
    {
        if (count <= 0)
        {
            return [];
        }

        var leaves = scope.Reader.Leaves;
        var perLeaf = new TopHits[leaves.Count];
        void Scan(int i)
        {
            var leaf = leaves[i];
            var reader = leaf.AtomicReader;
            var vectors = SegmentVectors.For(reader, dimensions, scope.IndexName);
            var accept = kinds.Accept(reader, reader.LiveDocs);
            var top = perLeaf[i] = new TopHits(count);
            if (filter is null)
            {
                ScanSegment(vectors, accept, reader.MaxDoc, leaf.DocBase, query, top);
            }
            else if (filter.GetDocIdSet(leaf, accept)?.GetIterator() is { } iterator)
            {
                for (var doc = iterator.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator.NextDoc())
                {
                    top.Offer(vectors, doc, leaf.DocBase, query);
                }
            }
        }

        if (scope.Reader.MaxDoc >= ParallelThreshold && leaves.Count > 1)
        {
            Parallel.For(0, leaves.Count, Scan);
        }
        else
        {
            for (var i = 0; i < leaves.Count; i++)
            {
                Scan(i);
            }
        }

        // The best of the per-segment bests; the order is total (score, then doc id), so the result does not depend on scheduling.
        var merged = new TopHits(count);
        foreach (var top in perLeaf)
        {
            foreach (var hit in top.Items)
            {
                merged.Offer(hit.Doc, hit.Score);
            }
        }

        return merged.Drain();
    }

    /// <summary>Scans one segment's documents accepted by <paramref name="accept"/> (all when <see langword="null"/>) into <paramref name="top"/>.</summary>
    internal static void ScanSegment(SegmentVectors vectors, Lucene.Net.Util.IBits? accept, int maxDoc, int docBase, QueryVector query, TopHits top)
    {
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (accept is null || accept.Get(doc))
            {
                top.Offer(vectors, doc, docBase, query);
            }
        }
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

    /// <summary>A bounded min-heap of the best hits so far: the root is the weakest kept (lowest score, then highest doc id).</summary>
    internal sealed class TopHits(int count)
    {
        private readonly PriorityQueue<(int Doc, float Score), (float Score, int Doc)> _heap = new(count + 1, WeakestFirst.Instance);

        public IEnumerable<(int Doc, float Score)> Items => _heap.UnorderedItems.Select(x => x.Element);

        public void Offer(SegmentVectors vectors, int doc, int docBase, QueryVector query)
        {
            if (vectors.Has(doc))
            {
                Offer(docBase + doc, vectors.Score(doc, query));
            }
        }

        public void Offer(int doc, float score)
        {
            var entry = (Score: score, Doc: doc);
            if (_heap.Count < count)
            {
                _heap.Enqueue((doc, score), entry);
            }
            else if (_heap.TryPeek(out _, out var weakest) && WeakestFirst.Instance.Compare(weakest, entry) < 0)
            {
                _heap.DequeueEnqueue((doc, score), entry);
            }
        }

        /// <summary>The hits, best first (empties the heap).</summary>
        public List<(int Doc, float Score)> Drain()
        {
            var result = new List<(int Doc, float Score)>(_heap.Count);
            while (_heap.TryDequeue(out var hit, out _))
            {
                result.Add(hit);
            }

            result.Reverse();
            return result;
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
