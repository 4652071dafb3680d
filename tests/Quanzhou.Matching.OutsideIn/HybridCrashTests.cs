using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// Vectors are written with their text: a hybrid writer SIGKILLed mid-batch leaves an index where every acknowledged
/// document is present with its vector, no document lacks one, and the model's fingerprint still guards the index.
/// </summary>
public sealed class HybridCrashTests : IDisposable
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("qzm-outside-hybrid-").FullName;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task HybridWriterKilled_EveryAcknowledgedDocumentHasItsVector_AndNoDocumentLacksOne(int seed)
    {
        var random = new Random(seed);
        var killAfter = 2 + random.Next(8);
        var acked = await ChildProcess.KillWriterAfterAcksAsync("write-hybrid", _folder, killAfter * 5, random, 30, ChildTimeout);

        var options = new LuceneMatchIndexOptions { Embeddings = new EmbeddingOptions(new HashingEmbeddingGenerator()) };
        using (var index = LuceneMatchIndex.Open(_folder, options))
        {
            await index.VerifyAsync();
            foreach (var id in acked)
            {
                Assert.NotNull(await index.GetAsync(id, MatchDocument.DefaultTenant));
            }

            // The dense source reaches every document that has a vector: with pools larger than the index, that is all of them.
            var total = (await index.GetStatisticsForAllTenantsAsync()).TotalDocuments;
            Assert.True(total >= acked.Count && total % 5 == 0, $"{total} documents for {acked.Count} acknowledged in batches of 5: a batch was half written");
            var all = await new MatchEngine(index, Bm25MatchRanker.Instance).MatchAsync(
                MatchRequest.ForText("防水透气薄膜电池陶瓷", sourceKind: DocumentKind.Need),
                new MatchOptions { Top = 1000, CandidatePoolSize = 1000, DenseCandidatePoolSize = 1000, Kinds = [DocumentKind.Achievement] });
            Assert.Equal(total, all.Items.Count(r => r.Explanation!.SemanticSimilarity is not null));
            Assert.Equal(total, all.Items.Count);
            Assert.True((await index.UpsertManyAsync([new TechAchievement("after-kill", "钠离子电池正极材料")])).Accepted == 1);
        }

        using (var other = LuceneMatchIndex.Open(_folder, new LuceneMatchIndexOptions { Embeddings = new EmbeddingOptions(new HashingEmbeddingGenerator("hash-v2")) }))
        {
            var refused = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => new MatchEngine(other).MatchAsync(MatchRequest.ForText("钠离子电池")));
            Assert.Contains("hash-v1", refused.IndexModel, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
