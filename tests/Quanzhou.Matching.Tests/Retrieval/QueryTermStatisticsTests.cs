using Lucene.Net.Index;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Tests.Retrieval;

public sealed class QueryTermStatisticsTests
{
    private static readonly string[] Words = ["发泡", "中底", "石墨烯", "光伏", "陶瓷", "不存在的词语"];

    [Fact]
    public async Task Document_frequencies_match_the_readers_own_across_segments_deletions_and_new_commits()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        for (var batch = 0; batch < 3; batch++)
        {
            await index.UpsertManyAsync(Enumerable.Range(0, 20).Select(i => new TechAchievement($"a-{batch}-{i}", $"{Words[i % 5]}技术{i}") { Description = $"{Words[(i + batch) % 5]}与{Words[(i * 2) % 5]}研究" }).ToList());
            if (batch == 1)
            {
                Assert.True(await index.DeleteAsync("a-0-3", MatchDocument.DefaultTenant));
            }

            // Asked twice per generation: the second answer comes from the per-segment memory and must be the same.
            for (var pass = 0; pass < 2; pass++)
            {
                index.WithSearcher(MatchDocument.DefaultTenant, s =>
                {
                    var expected = Words.Select(w => (long)s.IndexReader.DocFreq(new Term(IndexFields.Words, w))).ToArray();
                    Assert.Equal(expected, QueryTermStatistics.DocFreqs(s.IndexReader, TextField.Words, Words));
                    Assert.Contains(expected, df => df > 0);
                    Assert.Equal(0, expected[^1]);
                    return 0;
                });
            }
        }
    }
}
