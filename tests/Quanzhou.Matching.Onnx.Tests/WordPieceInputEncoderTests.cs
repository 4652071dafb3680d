namespace Quanzhou.Matching.Onnx.Tests;

public sealed class WordPieceInputEncoderTests : IDisposable
{
    private static readonly string[] CharacterVocabulary =
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "企", "业", "技", "术", "需", "成", "果", "abc", "match", "##ing", "𠀀"];

    private readonly TempFolder _folder = new();
    private readonly string _vocabulary;

    public WordPieceInputEncoderTests() => _vocabulary = _folder.WriteLines("vocab.txt", CharacterVocabulary);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Encode_ChineseText_GivesOneTokenPerCjkCharacterAndUnkForUnknownOnes()
    {
        var encoder = WordPieceInputEncoder.Load(_vocabulary, lowerCase: true, maxSequenceLength: 512);

        var tokens = Tokens(encoder.Encode("企业技术需求abc"));

        // 求 is not in the vocabulary: [UNK] for that character alone, the neighbours are unaffected.
        Assert.Equal(["[CLS]", "企", "业", "技", "术", "需", "[UNK]", "abc", "[SEP]"], tokens);
    }

    [Fact]
    public void Encode_CjkWithoutSpaces_IsSplitFromLatinWordsAndWordPieces()
    {
        var encoder = WordPieceInputEncoder.Load(_vocabulary, lowerCase: true, maxSequenceLength: 512);

        Assert.Equal(["[CLS]", "成", "果", "match", "##ing", "企", "业", "[SEP]"], Tokens(encoder.Encode("成果matching企业")));
        // A character outside the BMP (CJK Extension B) is one token too, not two halves of a surrogate pair.
        Assert.Equal(["[CLS]", "企", "𠀀", "业", "[SEP]"], Tokens(encoder.Encode("企𠀀业")));
    }

    [Fact]
    public void Encode_CharactersOutsideTheBmp_AreTokensNotDropped()
    {
        var encoder = WordPieceInputEncoder.Load(_vocabulary, lowerCase: true, maxSequenceLength: 512);

        // Microsoft.ML.Tokenizers alone drops both: an Extension B ideograph in the vocabulary, and an emoji that is not.
        Assert.Equal(["[CLS]", "𠀀", "[SEP]"], Tokens(encoder.Encode("𠀀")));
        Assert.Equal(["[CLS]", "abc", "[UNK]", "企", "[SEP]"], Tokens(encoder.Encode("abc😀企")));
    }

    [Fact]
    public void Encode_LoneSurrogatesNoncharactersAndFormatCharacters_AreDroppedAsBertDoes()
    {
        var encoder = WordPieceInputEncoder.Load(_vocabulary, lowerCase: true, maxSequenceLength: 512);

        // NFD (accent stripping) throws on the first two; the zero-width space would otherwise split "abc" in two.
        Assert.Equal(["[CLS]", "企", "业", "[SEP]"], Tokens(encoder.Encode("企\uD800业")));
        Assert.Equal(["[CLS]", "企", "业", "[SEP]"], Tokens(encoder.Encode("企\uFFFE业\uDC00")));
        Assert.Equal(["[CLS]", "abc", "[SEP]"], Tokens(encoder.Encode("a\u200Bb\u0000c")));
        Assert.Equal(["[CLS]", "技", "术", "[SEP]"], Tokens(encoder.Encode("技\t\r\n术")));
    }

    [Fact]
    public void Encode_LowerCase_FoldsCaseOnlyWhenAsked()
    {
        var uncased = WordPieceInputEncoder.Load(_vocabulary, lowerCase: true, maxSequenceLength: 512);
        var cased = WordPieceInputEncoder.Load(_vocabulary, lowerCase: false, maxSequenceLength: 512);

        Assert.Equal(["[CLS]", "abc", "[SEP]"], Tokens(uncased.Encode("ABC")));
        Assert.Equal(["[CLS]", "[UNK]", "[SEP]"], Tokens(cased.Encode("ABC")));
    }

    [Fact]
    public void Encode_LongText_KeepsMaxSequenceLengthTokensCuttingInsideAWord()
    {
        var encoder = WordPieceInputEncoder.Load(_vocabulary, lowerCase: true, maxSequenceLength: 6);

        // 企 业 match ##ing …: four pieces fit, the cut falls between "match" and "##ing" as in Hugging Face.
        Assert.Equal(["[CLS]", "企", "业", "成", "match", "[SEP]"], Tokens(encoder.Encode("企业成matching技术")));
        Assert.Equal(["[CLS]", "[SEP]"], Tokens(encoder.Encode(string.Empty)));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(2000)]
    public void Encode_LongText_KeepsTheFirstPiecesOfTheWholeTextsTokenisation(int maxSequenceLength)
    {
        // Latin words of several pieces, CJK runs without spaces, ideographic and no-break spaces, a long unknown word:
        // the windows the encoder tokenises must add up to the tokenisation of the whole text.
        var random = new Random(7);
        string[] parts = ["matching", "abc", "企业", "技术需求成果", " ", "  ", "\u3000", "\u00A0", "ABCmatching", new string('x', 150), "企", "求"];
        var text = string.Concat(Enumerable.Range(0, 3000).Select(_ => parts[random.Next(parts.Length)]));
        var encoder = WordPieceInputEncoder.Load(_vocabulary, lowerCase: true, maxSequenceLength);

        var expected = encoder.Tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true)
            .Take(maxSequenceLength - 2);
        var actual = encoder.Encode(text);

        Assert.True(text.Length > maxSequenceLength * 8, "the text must span more than one window");
        Assert.Equal(maxSequenceLength, actual.Length);
        Assert.Equal(expected, actual[1..^1]);
    }

    private static string[] Tokens(int[] ids) => ids.Select(id => CharacterVocabulary[id]).ToArray();
}
