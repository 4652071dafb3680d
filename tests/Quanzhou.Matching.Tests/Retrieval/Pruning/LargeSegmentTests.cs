using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;
using Quanzhou.Matching.Retrieval.Pruning;

namespace Quanzhou.Matching.Tests.Retrieval.Pruning;

/// <summary>
/// A merged segment of many 4,096-document windows plus a small update segment, with deletions and terms in most
/// documents (long postings whose frontiers are read in the background): pruned top-k, searched whole or split into
/// ranges of document ids, equals Lucene's exhaustive top-k.
/// </summary>
public sealed class LargeSegmentTests : IAsyncLifetime
{
    private const int Documents = 24_000;

    // A Zipf-like vocabulary of domain words: the first ones land in most documents, the last in a few dozen.
    private static readonly string[] Vocabulary =
    [
        "技术", "材料", "系统", "方法", "设备", "工艺", "制备", "控制", "检测", "纺织", "鞋材", "石墨烯", "陶瓷", "芯片", "电池",
        "储能", "光伏", "涂层", "纤维", "模具", "机械", "传感器", "算法", "图像", "识别", "优化", "节能", "环保", "回收", "复合",
        "导热", "阻燃", "抗菌", "耐磨", "柔性", "智能", "自动化", "焊接", "铸造", "热处理", "纳米", "薄膜", "封装", "晶圆", "刻蚀",
        "逆变器", "电解液", "隔膜", "正极", "负极", "染色", "印花", "织造", "针织", "皮革", "胶粘剂", "发泡", "注塑", "石材", "水泥",
    ];

    private readonly LuceneMatchIndex _index = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = 1, SearchThreadsPerQuery = 4 });

    // The same documents and writes, searched on one thread only (one indexing thread each: the same internal ids, so
    // equal scores at the cut of the top k are broken the same way).
    private readonly LuceneMatchIndex _oneThread = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { IndexingThreads = 1, SearchThreadsPerQuery = 1 });

    private readonly List<string> _queries = [];

    public async Task InitializeAsync()
    {
        var random = new Random(20261207);
        var documents = new List<MatchDocument>(Documents);
        for (var i = 0; i < Documents; i++)
        {
            // Document order shifts the vocabulary: early ids favour some words, late ids others, so ranges differ.
            var shift = i * Vocabulary.Length / Documents / 3;
            var words = Enumerable.Range(0, 2 + random.Next(8))
                .Select(_ => Vocabulary[(shift + (int)(Vocabulary.Length * Math.Pow(random.NextDouble(), 2.5))) % Vocabulary.Length]);
            documents.Add(new TechAchievement($"b-{i}", string.Concat(words.Take(2))) { Description = string.Join("，", words) + "。" });
        }

        var deletes = Enumerable.Range(0, 300).Select(_ => $"b-{random.Next(Documents)}").ToList();
        foreach (var index in new[] { _index, _oneThread })
        {
            await index.UpsertManyAsync(documents.Take(Documents / 2));
            await index.UpsertManyAsync(documents.Skip(Documents / 2));
            await index.ForceMergeAsync(); // one segment of many windows (bulk writes flush small segments)
            await index.UpsertManyAsync(documents.Take(500)); // and a second, small one: updates
            foreach (var id in deletes)
            {
                await index.DeleteAsync(id, MatchDocument.DefaultTenant);
            }
        }

        // Needs of common words (long postings: searches large enough to be split) and of a few rare ones.
        for (var q = 0; q < 40; q++)
        {
            var words = Enumerable.Range(0, 3 + random.Next(12)).Select(_ => Vocabulary[random.Next(q % 2 == 0 ? 8 : Vocabulary.Length)]);
            _queries.Add(string.Join("，", words) + "。");
        }
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        _oneThread.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MatchAsync_SearchThreadsPerQuery_DoesNotChangeResults()
    {
        var split = new MatchEngine(_index, Bm25MatchRanker.Instance);
        var single = new MatchEngine(_oneThread, Bm25MatchRanker.Instance);
        foreach (var top in new[] { 10, 100 })
        {
            var options = new MatchOptions { Top = top, CandidatePoolSize = Math.Max(top, 100), IncludeExplanations = false };
            foreach (var text in _queries)
            {
                // Both at once as well: concurrent searches never split more than one at a time, and must agree too.
                var results = await Task.WhenAll(split.MatchAsync(MatchRequest.ForText(text), options), single.MatchAsync(MatchRequest.ForText(text), options), split.MatchAsync(MatchRequest.ForText(text), options));
                var expected = results[1].Items.Select(i => (i.Id, i.Score)).ToList();
                Assert.NotEmpty(expected);
                Assert.Equal(expected, results[0].Items.Select(i => (i.Id, i.Score)));
                Assert.Equal(expected, results[2].Items.Select(i => (i.Id, i.Score)));
            }
        }
    }

    [Fact]
    public void TrySearch_LargeSegmentWholeOrSplit_EqualsExhaustiveTopK()
    {
        _index.WithSearcher(MatchDocument.DefaultTenant, searcher =>
        {
            var reader = searcher.IndexReader;
            Assert.True(reader.Leaves.Max(l => l.AtomicReader.MaxDoc) > 5 * 4096, "one segment spans several windows");
            var terms = Terms(reader, IndexFields.Words).Concat(Terms(reader, IndexFields.Bigrams)).ToList();
            Assert.Contains(terms, t => t.Df > 4096);

            // Long postings get their frontier in the background: wait for all, so exact bounds are in use.
            foreach (var leaf in reader.Leaves)
            {
                foreach (var (term, _) in terms)
                {
                    _ = TermFrontier.For(leaf.AtomicReader, term);
                }
            }

            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (reader.Leaves.Any(l => terms.Any(t => !SegmentMaxScore.HasFrontier(l, t.Term))))
            {
                Assert.True(DateTime.UtcNow < deadline, "frontiers not read within 2 minutes");
                Thread.Sleep(20);
            }

            var random = new Random(11);
            var counters = new MaxScoreCounters();
            foreach (var q in Enumerable.Range(0, 80))
            {
                var query = new BooleanQuery(disableCoord: true);
                for (var c = 1 + random.Next(random.Next(2) == 0 ? 4 : 30); c > 0; c--)
                {
                    var (term, _) = terms[random.Next(2) == 0 ? random.Next(Math.Min(12, terms.Count)) : random.Next(terms.Count)];
                    query.Add(new TermQuery(term) { Boost = random.Next(4) == 0 ? (float)(0.2 + (random.NextDouble() * 2)) : 1f }, Occur.SHOULD);
                }

                var k = new[] { 1, 10, 100, 1000 }[random.Next(4)];
                var (restricted, filter) = random.Next(3) == 0
                    ? CandidateRetriever.Restrict(query, new MatchOptions(), [DocumentKind.Achievement])
                    : (query, null);
                var expected = searcher.Search(restricted, filter, k).ScoreDocs;
                foreach (var slices in new[] { 1, 2, 5 })
                {
                    var actual = MaxScoreSearch.TrySearch(searcher, restricted, filter, k, counters, slices);
                    Assert.NotNull(actual);
                    Assert.True(
                        expected.Select(h => (h.Doc, BitConverter.SingleToInt32Bits(h.Score))).SequenceEqual(actual.Select(h => (h.Doc, BitConverter.SingleToInt32Bits(h.Score)))),
                        $"query {q} (k {k}, {slices} slices) differs from exhaustive: {restricted}");
                }
            }

            Assert.True(counters.Pruned > 0, "no candidate was pruned: the test would not see a wrong bound");
            return 0;
        });
    }

    private static IEnumerable<(Term Term, int Df)> Terms(IndexReader reader, string field)
    {
        var termsEnum = MultiFields.GetTerms(reader, field)?.GetEnumerator();
        while (termsEnum is not null && termsEnum.MoveNext())
        {
            yield return (new Term(field, BytesRef.DeepCopyOf(termsEnum.Term)), termsEnum.DocFreq);
        }
    }
}
