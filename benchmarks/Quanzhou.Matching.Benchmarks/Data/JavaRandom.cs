namespace Quanzhou.Matching.Benchmarks.Data;

/// <summary>
/// <c>java.util.Random</c>, bit for bit: the synthetic corpus and the query sample must be the ones the Java peer
/// (<c>../shared/peer-lucene</c>, <c>synth</c> and <c>search --sample</c>) draws with the same seed.
/// </summary>
internal sealed class JavaRandom
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Mask = (1L << 48) - 1;
    private long _seed;

    public JavaRandom(long seed) => _seed = (seed ^ Multiplier) & Mask;

    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var r = Next(31);
        var m = bound - 1;
        if ((bound & m) == 0)
        {
            return (int)((bound * (long)r) >> 31);
        }

        // Java relies on int overflow here to reject the biased top of the range.
        for (var u = r; unchecked(u - (r = u % bound) + m) < 0; u = Next(31))
        {
        }

        return r;
    }

    /// <summary><c>Collections.shuffle(list, rnd)</c> for a random-access list.</summary>
    public void Shuffle<T>(IList<T> list)
    {
        for (var i = list.Count; i > 1; i--)
        {
            var j = NextInt(i);
            (list[i - 1], list[j]) = (list[j], list[i - 1]);
        }
    }

    private int Next(int bits)
    {
        _seed = unchecked((_seed * Multiplier) + 0xBL) & Mask;
        return (int)(_seed >>> (48 - bits));
    }
}
