using System.Text;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The stored token streams of a document, read by feature extraction without re-analysis: words space-joined, and
/// bigrams in a compact form. Overlapping two-character bigram tokens
/// (<c>泉州 州鞋 鞋服</c>) are stored as one run (<c>泉州鞋服</c>, decoded back to the same tokens); any other token is stored
/// literally behind <see cref="LiteralMarker"/>. Elements are space-separated. Decoding gives exactly the encoded token
/// sequence, for any tokens without spaces or the marker (the normaliser removes control characters), at about a third
/// of the space-joined size: stored fields are what every candidate read decompresses.
/// </summary>
internal static class StoredTokens
{
    public const char LiteralMarker = '\u0001';

    public static string EncodeBigrams(IReadOnlyList<string> tokens)
    {
        var sb = new StringBuilder(tokens.Count + 16);
        string? previous = null;
        foreach (var token in tokens)
        {
            if (token.Length == 2 && previous is { Length: 2 } && previous[1] == token[0])
            {
                sb.Append(token[1]); // extends the current run
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                if (token.Length != 2)
                {
                    sb.Append(LiteralMarker);
                }

                sb.Append(token);
            }

            previous = token.Length == 2 ? token : null;
        }

        return sb.ToString();
    }

    /// <summary>The tokens of an encoded string, as slices of it (no allocation).</summary>
    public static Tokens DecodeBigrams(string? encoded) => new(encoded ?? string.Empty, spaceSeparated: false);

    /// <summary>Space-joined tokens: the stored word stream, and the bigram stream of indexes written before the compact form.</summary>
    public static Tokens SpaceSeparated(string? joined) => new(joined ?? string.Empty, spaceSeparated: true);

    public readonly ref struct Tokens(string text, bool spaceSeparated)
    {
        private readonly string _text = text;
        private readonly bool _spaceSeparated = spaceSeparated;

        public Enumerator GetEnumerator() => new(_text, _spaceSeparated);
    }

    public ref struct Enumerator(string text, bool spaceSeparated)
    {
        private readonly string _text = text;
        private readonly bool _spaceSeparated = spaceSeparated;
        private int _next;       // start of the next element
        private int _runPos = -1; // position inside a run, or -1
        private int _runEnd;

        public ReadOnlySpan<char> Current { get; private set; }

        public bool MoveNext()
        {
            if (_runPos >= 0 && _runPos + 2 <= _runEnd)
            {
                Current = _text.AsSpan(_runPos, 2);
                _runPos++;
                return true;
            }

            _runPos = -1;
            while (_next < _text.Length)
            {
                var start = _next;
                var end = _text.IndexOf(' ', start);
                if (end < 0)
                {
                    end = _text.Length;
                }

                _next = end + 1;
                if (end == start)
                {
                    continue;
                }

                if (_spaceSeparated)
                {
                    Current = _text.AsSpan(start, end - start);
                    return true;
                }

                if (_text[start] == LiteralMarker)
                {
                    Current = _text.AsSpan(start + 1, end - start - 1);
                    return true;
                }

                // A run of n characters: n - 1 overlapping bigrams (a run of two is one token).
                _runEnd = end;
                _runPos = start + 1;
                Current = _text.AsSpan(start, 2);
                return true;
            }

            return false;
        }
    }
}
