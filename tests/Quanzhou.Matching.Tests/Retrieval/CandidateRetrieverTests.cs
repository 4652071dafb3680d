using Lucene.Net.Search;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Tests.Retrieval;

public sealed class CandidateRetrieverTests
{
    [Fact]
    public async Task A_small_index_keeps_words_that_most_documents_contain()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync(
        [
            new TechAchievement("a", "超临界发泡工艺") { Description = "鞋中底发泡。" },
            new TechAchievement("b", "化学发泡剂") { Description = "发泡倍率控制。" },
            new TechAchievement("c", "石墨烯导热膜") { Description = "石墨烯发泡复合。" },
        ]);

        var results = await new MatchEngine(index, Bm25MatchRanker.Instance)
            .MatchAsync(MatchRequest.ForText("石墨烯 发泡"), new MatchOptions { Retrieval = CandidateRetrieval.Words, Kinds = [DocumentKind.Achievement] });

        // 发泡 is in every document; in a 3-document index it still counts, so all three are found, 石墨烯's first.
        Assert.Equal(3, results.Items.Count);
        Assert.Equal("c", results.Items[0].Id);
    }

    [Fact]
    public async Task Terms_absent_from_the_index_make_no_clauses_and_an_all_absent_query_none()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync([new TechAchievement("a", "超临界发泡工艺")]);
        index.WithSearcher(MatchDocument.DefaultTenant, s =>
        {
            var absent = QueryTerms.Create("量子纠缠", index.Analyzer);
            Assert.Null(CandidateRetriever.BuildTextQuery(absent, CandidateRetrieval.Fused, new QueryTermStatistics(absent, s.IndexReader)));

            var mixed = QueryTerms.Create("超临界发泡工艺 量子纠缠", index.Analyzer);
            var present = mixed.Words.Where(w => s.IndexReader.DocFreq(new Lucene.Net.Index.Term(IndexFields.Words, w)) > 0).ToArray();
            Assert.NotEmpty(present);
            Assert.True(present.Length < mixed.Words.Length);
            var query = Assert.IsType<BooleanQuery>(CandidateRetriever.BuildTextQuery(mixed, CandidateRetrieval.Words, new QueryTermStatistics(mixed, s.IndexReader)));
            Assert.Equal(present.Select(w => $"w:{w}"), query.Clauses.Select(c => c.Query.ToString()));
            return 0;
        });
    }
}
