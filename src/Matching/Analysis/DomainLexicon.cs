namespace Quanzhou.Matching.Analysis;

/// <summary>
/// Domain terms that must come out of word analysis as whole tokens (石墨烯, 具身智能, 光伏组件, 鞋底发泡 …), which
/// SmartCn alone splits. The shipped starter lexicon covers Quanzhou's industries; hosts add their own terms with
/// <see cref="WithTerms"/> or <see cref="Load"/> (plain text, one term per line, <c>#</c> comments).
/// </summary>
/// <remarks>Immutable and thread-safe. Terms are normalised like text (traditional → simplified, width, case).</remarks>
public sealed class DomainLexicon
{
    /// <summary>Shortest accepted term, in characters.</summary>
    public const int MinTermLength = 2;

    /// <summary>Longest accepted term, in characters.</summary>
    public const int MaxTermLength = 32;

    private readonly HashSet<string> _terms;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly HashSet<char> _firstChars;
    private readonly int _maxLength;

    private DomainLexicon(HashSet<string> terms)
    {
        _terms = terms;
        _lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstChars = [.. terms.Select(t => t[0])];
        _maxLength = terms.Count == 0 ? 0 : terms.Max(t => t.Length);
    }

    /// <summary>The shipped starter lexicon for Quanzhou's industries.</summary>
    public static DomainLexicon Default { get; } = FromTerms(EmbeddedResources.ReadLines("Quanzhou.Matching.Analysis.domain-lexicon.txt"));

    /// <summary>An empty lexicon (plain SmartCn segmentation).</summary>
    public static DomainLexicon Empty { get; } = new([]);

    /// <summary>How many terms the lexicon holds.</summary>
    public int Count => _terms.Count;

    /// <summary>The terms, normalised.</summary>
    public IReadOnlyCollection<string> Terms => _terms;

    /// <summary>Creates a lexicon from terms. Blank entries are skipped.</summary>
    /// <param name="terms">The terms.</param>
    /// <returns>The lexicon.</returns>
    /// <exception cref="ArgumentException">A term is shorter than <see cref="MinTermLength"/> or longer than <see cref="MaxTermLength"/> after normalisation.</exception>
    public static DomainLexicon FromTerms(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in terms)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var term = ChineseTextNormalizer.Default.Normalize(raw).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (term.Length is < MinTermLength or > MaxTermLength)
            {
                throw new ArgumentException($"Lexicon term '{raw}' must be {MinTermLength}–{MaxTermLength} characters long after normalisation (词条长度不合法).", nameof(terms));
            }

            set.Add(term);
        }

        return new DomainLexicon(set);
    }

    /// <summary>Loads a lexicon file: UTF-8, one term per line, lines starting with <c>#</c> ignored.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The lexicon.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static DomainLexicon Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return FromTerms(EmbeddedResources.ReadLines(reader).ToList());
    }

    /// <summary>Returns a new lexicon holding this lexicon's terms and <paramref name="terms"/>.</summary>
    /// <param name="terms">The terms to add.</param>
    /// <returns>The combined lexicon.</returns>
    public DomainLexicon WithTerms(IEnumerable<string> terms)
    {
        var added = FromTerms(terms);
        var set = new HashSet<string>(_terms, StringComparer.Ordinal);
        set.UnionWith(added._terms);
        return new DomainLexicon(set);
    }

    /// <summary>Whether <paramref name="term"/> (already normalised) is in the lexicon.</summary>
    /// <param name="term">The term.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string term) => term is not null && _terms.Contains(term);

    internal bool Contains(ReadOnlySpan<char> term) => _lookup.Contains(term);

    /// <summary>Finds leftmost-longest, non-overlapping lexicon terms in normalised text.</summary>
    internal void FindMatches(string text, List<(int Start, int End)> matches)
    {
        if (_maxLength == 0)
        {
            return;
        }

        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length - 1)
        {
            var found = 0;
            if (_firstChars.Contains(span[i]))
            {
                for (var len = Math.Min(_maxLength, span.Length - i); len >= MinTermLength; len--)
                {
                    if (_lookup.Contains(span.Slice(i, len)))
                    {
                        found = len;
                        break;
                    }
                }
            }

            if (found > 0)
            {
                matches.Add((i, i + found));
                i += found;
            }
            else
            {
                i++;
            }
        }
    }
}
