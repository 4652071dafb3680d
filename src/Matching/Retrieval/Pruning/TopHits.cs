using Lucene.Net.Search;

namespace Quanzhou.Matching.Retrieval.Pruning;

/// <summary>
/// The best <c>k</c> hits seen so far, in Lucene's order: higher score first, and on equal scores the lower document id.
/// Documents must arrive in increasing id order (segment by segment, each in order), as they do in
/// <see cref="MaxScoreSearch"/>: then a later document that only ties the worst kept hit loses the tie, as in Lucene's
/// in-order <c>TopScoreDocCollector</c>, and <see cref="Threshold"/> is a strict bar.
/// </summary>
internal sealed class TopHits
{
    private readonly float[] _scores;
    private readonly int[] _docs;
    private int _count;

    public TopHits(int capacity)
    {
        _scores = new float[capacity];
        _docs = new int[capacity];
    }

    /// <summary>A hit must score above this to enter: negative infinity until <c>k</c> hits are kept, then the worst kept score.</summary>
    public float Threshold { get; private set; } = float.NegativeInfinity;

    /// <summary>Offers a hit that scores above <see cref="Threshold"/> (callers check first).</summary>
    public void Add(float score, int doc)
    {
        if (_count < _scores.Length)
        {
            // Sift up: the root is the worst hit (lowest score; on a tie the higher id, which arrived later).
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Worse(score, doc, _scores[parent], _docs[parent]))
                {
                    break;
                }

                _scores[i] = _scores[parent];
                _docs[i] = _docs[parent];
                i = parent;
            }

            _scores[i] = score;
            _docs[i] = doc;
        }
        else
        {
            SiftDown(score, doc);
        }

        if (_count == _scores.Length)
        {
            Threshold = _scores[0];
        }
    }

    /// <summary>
    /// Offers a hit arriving in any order (the dense scan's per-segment merge): kept when it beats the worst kept hit —
    /// a higher score, or an equal score and a lower id — so the result is the same whatever the order of arrival.
    /// </summary>
    public void Offer(float score, int doc)
    {
        if (_count < _scores.Length || Worse(_scores[0], _docs[0], score, doc))
        {
            Add(score, doc);
        }
    }

    /// <summary>The kept hits, best first.</summary>
    public ScoreDoc[] ToScoreDocs()
    {
        var hits = new ScoreDoc[_count];
        for (var i = 0; i < _count; i++)
        {
            hits[i] = new ScoreDoc(_docs[i], _scores[i]);
        }

        Array.Sort(hits, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        return hits;
    }

    private static bool Worse(float score, int doc, float otherScore, int otherDoc) =>
        score < otherScore || (score == otherScore && doc > otherDoc);

    /// <summary>Replaces the root (the worst hit) and restores the heap.</summary>
    private void SiftDown(float score, int doc)
    {
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Worse(_scores[child + 1], _docs[child + 1], _scores[child], _docs[child]))
            {
                child++;
            }

            if (!Worse(_scores[child], _docs[child], score, doc))
            {
                break;
            }

            _scores[i] = _scores[child];
            _docs[i] = _docs[child];
            i = child;
        }

        _scores[i] = score;
        _docs[i] = doc;
    }
}
