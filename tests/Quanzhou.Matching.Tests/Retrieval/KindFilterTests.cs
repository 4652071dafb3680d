using Lucene.Net.Index;
using Lucene.Net.Search;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Tests.Retrieval;

public sealed class KindFilterTests
{
    private static readonly string[] Topics = ["碳纤维复合材料成型工艺", "EVA超临界发泡鞋中底", "光伏组件封装胶膜", "陶瓷釉料低温烧成"];

    [Fact]
    public async Task Restricted_search_returns_exactly_the_filtered_hits_over_mixed_segments_and_deletions()
    {
        using var index = LuceneMatchIndex.CreateInMemory();

        // Several commits make several segments; kinds are mixed inside each, and one segment holds one kind only.
        for (var batch = 0; batch < 4; batch++)
        {
            var docs = Enumerable.Range(0, 30).Select(i => Make(batch, i, batch == 3 ? DocumentKind.Achievement : (DocumentKind)(1 + (i % 3)))).ToList();
            await index.UpsertManyAsync(docs);
        }

        for (var i = 0; i < 30; i += 4)
        {
            Assert.True(await index.DeleteAsync($"d-1-{i}", MatchDocument.DefaultTenant));
        }

        var options = new MatchOptions();
        foreach (var kinds in new[] { new[] { DocumentKind.Achievement, DocumentKind.Expert }, [DocumentKind.Need], [DocumentKind.Expert] })
        {
            index.WithSearcher(MatchDocument.DefaultTenant, searcher =>
            {
                var terms = QueryTerms.Create("碳纤维复合材料 发泡 光伏", index.Analyzer);
                var text = CandidateRetriever.BuildTextQuery(terms, CandidateRetrieval.Fused, new QueryTermStatistics(terms, searcher.IndexReader))!;
                var reference = searcher.Search(text, new QueryWrapperFilter(AnyKind(kinds)), 500);
                var restricted = searcher.Search(CandidateRetriever.Restrict(text, options, kinds).Query, 500);

                Assert.True(reference.TotalHits > 0);
                Assert.Equal(reference.TotalHits, restricted.TotalHits);
                Assert.Equal(reference.ScoreDocs.Select(d => (d.Doc, d.Score)), restricted.ScoreDocs.Select(d => (d.Doc, d.Score)));
                var kindValues = kinds.Select(IndexFields.KindValue).ToHashSet();
                Assert.All(restricted.ScoreDocs, d => Assert.Contains(searcher.Doc(d.Doc).Get(IndexFields.Kind), kindValues));
                Assert.DoesNotContain(restricted.ScoreDocs, d => searcher.Doc(d.Doc).Get(IndexFields.Id) == "d-1-0");
                return 0;
            });
        }
    }

    [Fact]
    public async Task Match_never_returns_the_query_document_itself_and_keeps_the_pool_size()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        await index.UpsertManyAsync(Enumerable.Range(0, 12).Select(i => Make(0, i, DocumentKind.Achievement)).ToList());
        var engine = new MatchEngine(index);

        var results = await engine.MatchAsync(MatchRequest.ForId("d-0-0"), new MatchOptions { Kinds = [DocumentKind.Achievement], Top = 5 });

        Assert.Equal(5, results.Items.Count);
        Assert.DoesNotContain(results.Items, r => r.Id == "d-0-0");
    }

    private static MatchDocument Make(int batch, int i, DocumentKind kind)
    {
        var id = $"d-{batch}-{i}";
        var text = $"{Topics[i % Topics.Length]}研究，第{i}号方案，{Topics[(i + batch) % Topics.Length]}";
        return kind switch
        {
            DocumentKind.Achievement => new TechAchievement(id, text) { Description = text },
            DocumentKind.Need => new TechNeed(id, text) { Description = text },
            _ => new ExpertProfile(id, $"专家{batch}{i}") { Description = text },
        };
    }

    private static BooleanQuery AnyKind(IEnumerable<DocumentKind> kinds)
    {
        var q = new BooleanQuery();
        foreach (var kind in kinds)
        {
            q.Add(new TermQuery(new Term(IndexFields.Kind, IndexFields.KindValue(kind))), Occur.SHOULD);
        }

        return q;
    }
}
