using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lucene.Net.Documents;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Indexing;

public sealed class TokenOffsetsTests
{
    // A small alphabet makes runs, repeated tokens and look-alike neighbours frequent.
    private static readonly char[] Alphabet = ['泉', '州', '鞋', '服', 'a', '5', ' ', 'g'];

    public static class Arbitraries
    {
        /// <summary>A text and tokens over it: mostly slices at their offsets (in order, overlapping, bigram runs), some literals, some odd offsets.</summary>
        public static Arbitrary<(string Text, AnalyzedToken[] Tokens)> TextAndTokens() =>
            Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet), n)).Select(cs => new string(cs))
                .SelectMany(text => Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(TokenOf(text), n)).Select(ts => (text, ts)))
                .ToArbitrary();

        private static Gen<AnalyzedToken> TokenOf(string text) =>
            Gen.Choose(-2, text.Length + 2).SelectMany(start => Gen.Choose(0, 9).SelectMany(len => Gen.Choose(0, 9).Select(kind =>
                kind == 0 ? new AnalyzedToken("techniqu", start, start + len) // a literal (stemmed) term
                : start >= 0 && len > 0 && start + len <= text.Length ? new AnalyzedToken(text.Substring(start, len), start, start + len)
                : new AnalyzedToken("州" + len, start, start + len))));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public void Decoding_gives_back_exactly_the_encoded_terms((string Text, AnalyzedToken[] Tokens) input)
    {
        var (text, tokens) = input;
        var bigrams = tokens.Reverse().ToArray();
        var decoded = TokenOffsets.Decode(TokenOffsets.Encode(text, tokens, bigrams), text);

        Assert.NotNull(decoded);
        Assert.Equal(string.Join(' ', tokens.Select(t => t.Term)), decoded.Value.Words);
        Assert.Equal(string.Join(' ', bigrams.Select(t => t.Term)), decoded.Value.Bigrams);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Decoding_analysed_tokens_with_some_left_out_gives_them_back((string Text, AnalyzedToken[] Tokens) input, bool[] keep)
    {
        // Real analyzer output over text with Han runs, punctuation and Latin, thinned so that runs break off anywhere.
        var text = input.Text.Replace('a', '，');
        var analyzer = SmartCnTextAnalyzer.Default;
        List<AnalyzedToken> Thin(List<AnalyzedToken> tokens) => keep.Length == 0 ? tokens : tokens.Where((_, i) => keep[i % keep.Length]).ToList();
        var words = Thin(analyzer.AnalyzeWordsNormalized(text));
        var bigrams = Thin(analyzer.AnalyzeBigramsNormalized(text));
        var decoded = TokenOffsets.Decode(TokenOffsets.Encode(text, words, bigrams), text);

        Assert.NotNull(decoded);
        Assert.Equal(string.Join(' ', words.Select(t => t.Term)), decoded.Value.Words);
        Assert.Equal(string.Join(' ', bigrams.Select(t => t.Term)), decoded.Value.Bigrams);
    }

    [Fact]
    public void Encode_FixtureDocuments_DecodeToTheAnalysedTokensInUnderAByteEach()
    {
        var analyzer = SmartCnTextAnalyzer.Default;
        long bytes = 0, tokens = 0;
        foreach (var document in TestFixtures.Documents.Concat(Experts))
        {
            var analyzed = DocumentMapper.Analyze(document, analyzer);
            var encoded = TokenOffsets.Encode(document.GetSearchText(), analyzed.Words, analyzed.Bigrams);
            var stored = DocumentMapper.ToLucene(analyzed);
            var decoded = TokenOffsets.Decode(encoded, DocumentMapper.SearchText(stored, DocumentMapper.ReadDescription(stored)));

            Assert.NotNull(decoded);
            Assert.Equal(string.Join(' ', analyzed.Words.Select(t => t.Term)), decoded.Value.Words);
            Assert.Equal(string.Join(' ', analyzed.Bigrams.Select(t => t.Term)), decoded.Value.Bigrams);
            bytes += encoded.Length;
            tokens += analyzed.Words.Count + analyzed.Bigrams.Count;
        }

        Assert.True(bytes < tokens * 0.8, $"{bytes} bytes for {tokens} tokens"); // short fixtures: the 6-byte header weighs
    }

    [Fact]
    public void SearchText_FromStoredFields_IsTheDocumentsSearchTextForEveryKind()
    {
        var documents = TestFixtures.Documents.Concat(Experts).Append(new ExpertProfile("e-chain", "张工 鞋材研发")
        {
            Keywords = ["防水透气膜"], Skills = ["防水透气膜", "TPU 改性", "发泡"], ServiceChain = "小试 中试 检测",
        }).ToList();
        Assert.Contains(documents, d => d is ExpertProfile { ServiceChain: not null, Skills.Count: > 1 });
        Assert.Contains(documents, d => d is TechNeed);
        Assert.Contains(documents, d => d.Keywords.Count == 0);
        foreach (var document in documents)
        {
            var stored = DocumentMapper.ToLucene(DocumentMapper.Analyze(document, SmartCnTextAnalyzer.Default));
            Assert.Equal(document.GetSearchText(), DocumentMapper.SearchText(stored, DocumentMapper.ReadDescription(stored)));
        }
    }

    [Fact]
    public void Encode_TraditionalAndFullWidthText_DecodesExactly()
    {
        var raw = "臺灣ＴＰＵ防水透氣膜　3.5 MPa，透濕量≥8000";
        var analyzer = SmartCnTextAnalyzer.Default;
        var normalized = analyzer.Normalize(raw);
        var words = analyzer.AnalyzeWordsNormalized(normalized);
        var bigrams = analyzer.AnalyzeBigramsNormalized(normalized);
        var decoded = TokenOffsets.Decode(TokenOffsets.Encode(raw, words, bigrams), raw);

        Assert.NotNull(decoded);
        Assert.Equal(string.Join(' ', words.Select(t => t.Term)), decoded.Value.Words);
        Assert.Equal(string.Join(' ', bigrams.Select(t => t.Term)), decoded.Value.Bigrams);
    }

    [Fact]
    public void Decode_AnotherText_ReturnsNull()
    {
        var text = "泉州鞋服企业寻求石墨烯导热膜";
        var analyzer = SmartCnTextAnalyzer.Default;
        var encoded = TokenOffsets.Encode(text, analyzer.AnalyzeWordsNormalized(text), analyzer.AnalyzeBigramsNormalized(text));

        Assert.Null(TokenOffsets.Decode(encoded, "泉州鞋服企业寻求石墨烯导热模")); // same length, one character changed
        Assert.Null(TokenOffsets.Decode(encoded, text + "。"));
    }

    [Fact]
    public async Task StoredDocument_NormalisedTextChangedSinceIndexing_ReanalysesInsteadOfMisreading()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync([new TechAchievement("a", "EVA超临界发泡鞋中底") { Description = "晋江鞋企轻量高回弹中底发泡工艺。" }]);
        var stored = Load(index, "a");
        Assert.Contains("中底", stored.JoinedWords.Split(' '));
        Assert.False(stored.Reanalysed);

        // The same stored tokens under another description: a decode against it would give wrong slices.
        var changed = new Document();
        foreach (var field in stored.Raw.Fields.Where(f => f.Name is not (IndexFields.Description or IndexFields.DescriptionCompressed)))
        {
            changed.Add(field);
        }

        changed.Add(new StoredField(IndexFields.Description, "石墨烯导热膜用于手机散热。"));
        var reread = new StoredDocument(changed, index.Analyzer);
        var words = reread.JoinedWords.Split(' ');

        Assert.True(reread.Reanalysed);
        Assert.Equal(index.Analyzer.Analyze("EVA超临界发泡鞋中底\n石墨烯导热膜用于手机散热。").Select(t => t.Term), words);
    }

    [Fact]
    public async Task StoredDocument_DamagedTokenBytes_ThrowIndexCorruptedNamingTheField()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync([new TechAchievement("a", "EVA超临界发泡鞋中底") { Description = "晋江鞋企轻量高回弹中底发泡工艺。" }]);
        var good = Load(index, "a").Raw;
        var bytes = good.GetField(IndexFields.StoredTokenOffsets).GetBinaryValue();
        var original = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray();
        var random = new Random(7);
        var failures = 0;
        for (var i = 0; i < 300; i++)
        {
            var damaged = (byte[])original.Clone();
            if (i % 3 == 0)
            {
                damaged = damaged[..random.Next(damaged.Length)];
            }
            else
            {
                damaged[random.Next(6, damaged.Length)] = (byte)random.Next(256); // past the format, length and hash
            }

            var doc = new Document();
            foreach (var field in good.Fields.Where(f => f.Name != IndexFields.StoredTokenOffsets))
            {
                doc.Add(field);
            }

            doc.Add(new StoredField(IndexFields.StoredTokenOffsets, damaged));
            try
            {
                _ = new StoredDocument(doc, index.Analyzer).JoinedWords;
            }
            catch (IndexCorruptedException ex)
            {
                Assert.Equal("read", ex.Operation);
                Assert.Contains($"'{IndexFields.StoredTokenOffsets}'", ex.Message, StringComparison.Ordinal);
                failures++;
            }
        }

        Assert.True(failures >= 100, $"{failures} of 300 damaged copies were refused"); // every truncation, and whatever damage is detectable
    }

    private static IEnumerable<MatchDocument> Experts =>
        Quanzhou.Matching.Tests.Experts.ExpertFixtures.Documents;

    private static StoredDocument Load(LuceneMatchIndex index, string id) =>
        index.WithSearcher(MatchDocument.DefaultTenant, s =>
        {
            var hits = s.Search(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(IndexFields.Id, id)), 1);
            return new StoredDocument(s.Doc(hits.ScoreDocs[0].Doc), index.Analyzer);
        });
}
