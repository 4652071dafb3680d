using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>Catalogue-driven fuzzing of documents and queries through the public API.</summary>
[Trait("Category", "Reliability")]
public class HostileInputTests : IClassFixture<HostileInputTests.SharedIndex>
{
    private static readonly string[] Catalogue =
    [
        "\u0000", "\u0007", "\u001b[31m", "\r\n", "\t", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\u200B", "\u200D", "\u2060", "\uFEFF",
        "\u202E", "\u202D", "\u2066", "😀", "👩‍🔬", "🇨🇳", "<script>alert(1)</script>", "<b>", "</div>", "<!--", "&lt;", "&#0;", "&amp;",
        "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", "鞋底發泡", "纖維", "ＴＰＵ", "３５ＭＰａ", "AND", "OR", "NOT", "*", "?", "~", "\"", "\\", ":", "/",
        "(", ")", "[", "]", "{", "}", "^", "+", "-", "!", "&&", "||", "title:", "防水透气膜", "石墨烯", "钠离子电池", " ", "的", "。", "，",
        "a", "Z", "0", "9999999999999999999999", "1e308", "NaN", "%s%n", "../", "\\..\\", "𠀀", "\uFFFF", "\uFFFD",
    ];

    private static Gen<string> HostileString(int maxParts) =>
        Gen.Choose(0, maxParts).SelectMany(n => Gen.ArrayOf(Gen.Elements(Catalogue), n)).Select(parts => string.Concat(parts));

    public static class Arbitraries
    {
        public static Arbitrary<string> Strings() => HostileString(40).ToArbitrary();
    }

    private readonly SharedIndex _shared;

    public HostileInputTests(SharedIndex shared) => _shared = shared;

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public void HostileDocumentsAndQueries_NoUnhandledExceptionsAndCleanTokens(string title, string description, string query)
    {
        MatchDocument? document = null;
        try
        {
            document = new TechAchievement("fuzz-" + Math.Abs(HashCode.Combine(title, description)), title) { Description = description, Keywords = [query] };
        }
        catch (ArgumentException)
        {
            // a documented rejection (e.g. an over-long value) is fine
        }

        if (document is not null)
        {
            var outcome = _shared.Index.UpsertAsync(document).GetAwaiter().GetResult();
            Assert.True(outcome.Accepted, outcome.Reason);
            var tokens = SharedIndexTokens(_shared.Index, document.Id);
            Assert.DoesNotContain(tokens, t => t.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u200B' or '\u202E' or '\uFEFF'));
        }

        var results = _shared.Engine.MatchAsync(MatchRequest.ForText(query, "quanzhou")).GetAwaiter().GetResult();
        Assert.All(results.Items, r => Assert.True(double.IsFinite(r.Score)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task HostileHugeTexts_AreIndexedAndQueriedInBoundedTime(int megabytes)
    {
        var chars = (megabytes * 1024 * 1024) - 16;
        var random = new Random(megabytes);
        var builder = new System.Text.StringBuilder(chars + 64);
        while (builder.Length < chars)
        {
            builder.Append(Catalogue[random.Next(Catalogue.Length)]).Append("膜材料");
        }

        var text = builder.ToString(0, Math.Min(chars, MatchDocument.MaxDescriptionLength));
        var clock = Stopwatch.StartNew();
        var outcome = await _shared.Index.UpsertAsync(new TechAchievement($"huge-{megabytes}", "超长文本") { Description = text });
        Assert.True(outcome.Accepted, outcome.Reason);
        var results = await _shared.Engine.MatchAsync(MatchRequest.ForText(text, "quanzhou"));
        Assert.NotNull(results);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task HostileThousandsOfTermsAndOperators_AreHarmless()
    {
        var text = string.Join(' ', Enumerable.Range(0, 5000).Select(i => i % 3 == 0 ? "AND" : i % 3 == 1 ? $"词{i}*" : "\"防水\\"));
        var results = await _shared.Engine.MatchAsync(MatchRequest.ForText(text, "quanzhou"));
        Assert.NotNull(results);
    }

    private static string[] SharedIndexTokens(LuceneMatchIndex index, string id) =>
        index.WithSearcher("quanzhou", s =>
        {
            var hits = s.Search(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(IndexFields.Id, id)), 1);
            var doc = s.Doc(hits.ScoreDocs[0].Doc);
            var stored = new StoredDocument(doc, index.Analyzer);
            var tokens = new List<string>(stored.JoinedWords.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            foreach (var bigram in stored.BigramTokens)
            {
                tokens.Add(bigram.ToString());
            }

            return tokens.ToArray();
        });

    /// <summary>One index for all fuzz cases (creating one per case would dominate the run time).</summary>
    public sealed class SharedIndex : IDisposable
    {
        public SharedIndex()
        {
            Index = LuceneMatchIndex.CreateInMemory();
            Index.UpsertManyAsync(TestFixtures.Documents).GetAwaiter().GetResult();
            Engine = new MatchEngine(Index);
        }

        public LuceneMatchIndex Index { get; }

        public MatchEngine Engine { get; }

        public void Dispose() => Index.Dispose();
    }
}
