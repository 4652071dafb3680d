using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Taxonomy;

namespace Quanzhou.Matching.Tests.Taxonomy;

public sealed class QueryTaggingTests
{
    private static readonly int IndustryOverlap = RankingFeatures.Names.ToList().IndexOf("industry_overlap");

    [Fact]
    public async Task Untagged_text_queries_get_tags_from_the_query_tagger_and_feed_industry_agreement()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        var tagger = new TaxonomyTagger();
        var text = "印染废水深度处理与活性染料少水染色工艺";
        var tags = tagger.Tag(text).Where(t => t.Confidence >= MatchEngine.QueryTagMinConfidence).Select(t => t.TagId).ToArray();
        Assert.NotEmpty(tags);
        await index.UpsertManyAsync(
        [
            new TechAchievement("tagged", "印染废水处理新工艺") { Description = "活性染料少水染色与印染废水回用。", IndustryTags = tags },
            new TechAchievement("other-tag", "印染废水处理装置") { Description = "活性染料废水膜分离回用。", IndustryTags = ["new-energy"] },
            new TechAchievement("untagged", "印染废水回用") { Description = "少水染色废水处理。" },
        ]);
        var options = new MatchOptions { Kinds = [DocumentKind.Achievement] };

        var withTagger = new MatchEngine(index, Bm25MatchRanker.Instance) { QueryTagger = tagger }.Prepare(MatchRequest.ForText(text), options, withFeatures: true);
        var without = new MatchEngine(index, Bm25MatchRanker.Instance).Prepare(MatchRequest.ForText(text), options, withFeatures: true);

        float Overlap(MatchEngine.PreparedQuery p, string id) => p.RankingCandidates.Single(c => c.Id == id).Features[IndustryOverlap];
        Assert.Equal(tags, withTagger.Context.QueryIndustryTags);
        Assert.Equal(1f, Overlap(withTagger, "tagged"));
        Assert.Equal(0f, Overlap(withTagger, "other-tag"));
        Assert.Equal(-1f, Overlap(withTagger, "untagged"));
        Assert.All(without.RankingCandidates, c => Assert.Equal(-1f, c.Features[IndustryOverlap]));
    }

    [Fact]
    public async Task A_query_document_keeps_its_own_tags()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync([new TechAchievement("a", "印染废水处理") { Description = "活性染料废水。", IndustryTags = ["own-tag"] }]);
        var need = new TechNeed("n", "印染废水处理需求") { Description = "活性染料废水。", IndustryTags = ["own-tag"] };

        var prepared = new MatchEngine(index, Bm25MatchRanker.Instance) { QueryTagger = new TaxonomyTagger() }
            .Prepare(MatchRequest.ForDocument(need), new MatchOptions(), withFeatures: true);

        Assert.Equal(["own-tag"], prepared.Context.QueryIndustryTags);
        Assert.Equal(1f, prepared.RankingCandidates.Single().Features[IndustryOverlap]);
    }
}
