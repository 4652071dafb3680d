using Microsoft.ML.Tokenizers;

namespace Quanzhou.Matching.Onnx;

/// <summary>Turns a text into the token ids a BERT encoder reads: <c>[CLS]</c>, word pieces (truncated), <c>[SEP]</c>.</summary>
/// <remarks>
/// BERT's basic tokenisation runs first: cleaning, lower-casing and accent stripping for uncased vocabularies, splitting
/// on white space and punctuation, and every CJK ideograph as a word of its own — so Chinese text becomes one token per
/// character, as the Chinese BERT vocabularies expect. Thread-safe: the tokenizer is immutable once loaded.
/// </remarks>
internal sealed class WordPieceInputEncoder
{
    private readonly BertTokenizer _tokenizer;
    private readonly int _maxSequenceLength;

    private WordPieceInputEncoder(BertTokenizer tokenizer, int maxSequenceLength)
    {
        _tokenizer = tokenizer;
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
            return new WordPieceInputEncoder(BertTokenizer.Create(vocabularyPath, options), maxSequenceLength);
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
        // Truncation cuts word pieces, not words, as Hugging Face's tokenizers do: the token-budget overload of
        // EncodeToIds stops before a word that does not fit whole, which would embed a different prefix.
        var pieces = _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var kept = Math.Min(pieces.Count, _maxSequenceLength - 2);
        var ids = new int[kept + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < kept; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = _tokenizer.SeparatorTokenId;
        return ids;
    }
}
