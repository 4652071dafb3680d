using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Quanzhou.Matching.Onnx;

/// <summary>Turns a text into the token ids a BERT encoder reads: <c>[CLS]</c>, word pieces (truncated), <c>[SEP]</c>.</summary>
/// <remarks>
/// <para>
/// BERT's basic tokenisation runs first: cleaning, lower-casing and accent stripping for uncased vocabularies, splitting
/// on white space and punctuation, and every CJK ideograph as a word of its own — so Chinese text becomes one token per
/// character, as the Chinese BERT vocabularies expect. Thread-safe: the tokenizer is immutable once loaded.
/// </para>
/// <para>
/// Microsoft.ML.Tokenizers drops every character outside the Basic Multilingual Plane (CJK Extension B and later,
/// emoji) without a trace, so this class takes each such character as a word of its own — its vocabulary id, else
/// <c>[UNK]</c> — as Hugging Face does for CJK ideographs; an emoji glued to a word is split from it here, where
/// Hugging Face would try it as a continuation piece (<c>##</c>).
/// </para>
/// </remarks>
internal sealed class WordPieceInputEncoder
{
    private readonly BertTokenizer _tokenizer;
    private readonly Dictionary<string, int> _supplementaryTokens;
    private readonly bool _lowerCase;
    private readonly int _maxSequenceLength;

    private WordPieceInputEncoder(BertTokenizer tokenizer, Dictionary<string, int> supplementaryTokens, bool lowerCase, int maxSequenceLength)
    {
        _tokenizer = tokenizer;
        _supplementaryTokens = supplementaryTokens;
        _lowerCase = lowerCase;
        _maxSequenceLength = maxSequenceLength;
    }

    /// <summary>The id of <c>[PAD]</c>, written after a text's last token up to the batch's length.</summary>
    public int PaddingId => _tokenizer.PaddingTokenId;

    /// <summary>The underlying tokenizer, for <see cref="OnnxEmbeddingGenerator.GetService"/>.</summary>
    public BertTokenizer Tokenizer => _tokenizer;

    /// <summary>Loads a <c>vocab.txt</c>; a file that is no BERT vocabulary fails with the path in the message.</summary>
    public static WordPieceInputEncoder Load(string vocabularyPath, bool lowerCase, int maxSequenceLength)
    {
        var options = new BertOptions
        {
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            LowerCaseBeforeTokenization = lowerCase,
            // Hugging Face's BasicTokenizer strips accents whenever it lower-cases (strip_accents defaults to do_lower_case).
            RemoveNonSpacingMarks = lowerCase,
        };
        try
        {
            var tokenizer = BertTokenizer.Create(vocabularyPath, options);
            return new WordPieceInputEncoder(tokenizer, ReadSupplementaryTokens(vocabularyPath), lowerCase, maxSequenceLength);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"'{vocabularyPath}' is not a BERT WordPiece vocabulary (one token a line, with [PAD], [UNK], [CLS], [SEP] and [MASK]): {e.Message}", e);
        }
    }

    /// <summary>The ids of one text: <c>[CLS]</c>, at most <c>MaxSequenceLength - 2</c> word pieces, <c>[SEP]</c>.</summary>
    public int[] Encode(string text)
    {
        var budget = _maxSequenceLength - 2;
        var pieces = new List<int>();
        var remaining = BertTextCleaning.Clean(text).AsSpan();
        while (!remaining.IsEmpty && pieces.Count < budget)
        {
            // Cleaned text has only whole surrogate pairs: the next high surrogate starts a supplementary character.
            var next = remaining.IndexOfAnyInRange('\uD800', '\uDBFF');
            var plain = next < 0 ? remaining : remaining[..next];
            AddPieces(plain, pieces, budget);
            if (next < 0)
            {
                break;
            }

            Rune.DecodeFromUtf16(remaining[next..], out var character, out var length);
            pieces.Add(SupplementaryTokenId(character));
            remaining = remaining[(next + length)..];
        }

        var kept = Math.Min(pieces.Count, budget);
        var ids = new int[kept + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        pieces.CopyTo(0, ids, 1, kept);
        ids[^1] = _tokenizer.SeparatorTokenId;
        return ids;
    }

    // Truncation cuts word pieces, not words, as Hugging Face's tokenizers do (the token-budget overload of EncodeToIds
    // stops before a word that does not fit whole, which would embed a different prefix). So the text is tokenised in
    // growing windows, each ending where BERT always splits, until the budget is reached: a long text costs about its
    // kept prefix, not its length (a megabyte of Chinese took half a second whole).
    private void AddPieces(ReadOnlySpan<char> text, List<int> pieces, int budget)
    {
        var window = budget * 4;
        while (!text.IsEmpty && pieces.Count < budget)
        {
            var end = text.Length <= window ? text.Length : WordBoundaryNear(text, window);
            pieces.AddRange(_tokenizer.EncodeToIds(text[..end], addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true));
            text = text[end..];
            window *= 2;
        }
    }

    // A position BERT's basic tokenizer splits at whatever surrounds it: before a space, or after a CJK ideograph
    // (each is a word of its own). At or before `at` if there is one, else the first after it, else the end.
    private static int WordBoundaryNear(ReadOnlySpan<char> text, int at)
    {
        for (var i = at; i > 0; i--)
        {
            if (IsWordBoundary(text, i))
            {
                return i;
            }
        }

        for (var i = at + 1; i < text.Length; i++)
        {
            if (IsWordBoundary(text, i))
            {
                return i;
            }
        }

        return text.Length;
    }

    private static bool IsWordBoundary(ReadOnlySpan<char> text, int i) =>
        text[i] is ' ' or '\t' or '\n' or '\r' || char.GetUnicodeCategory(text[i]) == UnicodeCategory.SpaceSeparator
        || text[i - 1] is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    private int SupplementaryTokenId(Rune character)
    {
        var token = (_lowerCase ? Rune.ToLowerInvariant(character) : character).ToString();
        return _supplementaryTokens.TryGetValue(token, out var id) ? id : _tokenizer.UnknownTokenId;
    }

    // The id of a vocabulary entry is its line number; only entries outside the BMP are needed here.
    private static Dictionary<string, int> ReadSupplementaryTokens(string vocabularyPath)
    {
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var line in File.ReadLines(vocabularyPath))
        {
            var token = line.Trim();
            if (token.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
            {
                tokens.TryAdd(token, id);
            }

            id++;
        }

        return tokens;
    }
}
