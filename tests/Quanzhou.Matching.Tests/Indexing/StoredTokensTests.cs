using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lucene.Net.Documents;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Tests.Indexing;

public sealed class StoredTokensTests
{
    // A small alphabet makes overlapping runs, repeated tokens and look-alike neighbours frequent.
    private static readonly string[] Alphabet = ["泉", "州", "鞋", "服", "a", "5", "g", "\U00020000"];

    public static class Arbitraries
    {
        public static Arbitrary<string[]> Tokens() =>
            Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 4).SelectMany(len => Gen.ArrayOf(Gen.Elements(Alphabet), len)).Select(string.Concat), n)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public void Decoding_gives_back_exactly_the_encoded_tokens(string[] tokens)
    {
        var decoded = new List<string>();
        foreach (var token in StoredTokens.DecodeBigrams(StoredTokens.EncodeBigrams(tokens)))
        {
            decoded.Add(token.ToString());
        }

        Assert.Equal(tokens, decoded);
    }

    [Fact]
    public void Overlapping_bigrams_are_stored_as_one_run()
    {
        Assert.Equal("泉州鞋服 \u0001eva 中底", StoredTokens.EncodeBigrams(["泉州", "州鞋", "鞋服", "eva", "中底"]));
    }

    [Theory]
    [InlineData(IndexFields.StoredBigramsCompact)]
    [InlineData(IndexFields.StoredBigrams)]
    public async Task Features_are_the_same_for_documents_stored_in_a_legacy_form(string bigramField)
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync([new TechAchievement("a", "EVA超临界发泡鞋中底") { Description = "晋江鞋企轻量高回弹中底发泡工艺，5G智能产线。" }]);
        var engine = new MatchEngine(index);
        var prepared = engine.Prepare(MatchRequest.ForText("鞋中底超临界发泡轻量化"), new MatchOptions(), withFeatures: true);
        var candidate = Assert.Single(prepared.Candidates);
        Assert.NotNull(candidate.Stored.Raw.GetField(IndexFields.StoredTokenOffsets));

        // The same document as an index written before the token offsets stores it: words space-joined, bigrams compact
        // (2026-11-26 to 2026-12-06) or space-joined (before).
        var legacy = new Document();
        foreach (var field in candidate.Stored.Raw.Fields.Where(f => f.Name != IndexFields.StoredTokenOffsets))
        {
            legacy.Add(field);
        }

        var tokens = new List<string>();
        foreach (var t in candidate.Stored.BigramTokens)
        {
            tokens.Add(t.ToString());
        }

        legacy.Add(new StoredField(IndexFields.StoredWords, candidate.Stored.JoinedWords));
        legacy.Add(new StoredField(bigramField, bigramField == IndexFields.StoredBigrams ? string.Join(' ', tokens) : StoredTokens.EncodeBigrams(tokens)));
        Assert.True(tokens.Count > 10);
        Assert.Contains("中底", candidate.Stored.JoinedWords.Split(' '));
        Assert.Equal(RankingFeatures.Compute(prepared.Candidates, candidate), RankingFeatures.Compute(prepared.Candidates, candidate with { Stored = new StoredDocument(legacy) }));
    }
}
