using Lucene.Net.Search;
using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval.Pruning;

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
                    Offer(top, vectors, doc, leaf.DocBase, query);
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
            foreach (var hit in top.ToScoreDocs())
            {
                merged.Offer(hit.Score, hit.Doc);
            }
        }

        return [.. merged.ToScoreDocs().Select(h => (h.Doc, h.Score))];
    }

    /// <summary>Scans one segment's documents accepted by <paramref name="accept"/> (all when <see langword="null"/>) into <paramref name="top"/>.</summary>
    internal static void ScanSegment(SegmentVectors vectors, Lucene.Net.Util.IBits? accept, int maxDoc, int docBase, QueryVector query, TopHits top)
    {
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (accept is null || accept.Get(doc))
            {
                Offer(top, vectors, doc, docBase, query);
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

    private static void Offer(TopHits top, SegmentVectors vectors, int doc, int docBase, QueryVector query)
    {
        if (vectors.Has(doc))
        {
            top.Offer(vectors.Score(doc, query), docBase + doc);
        }
    }
}
