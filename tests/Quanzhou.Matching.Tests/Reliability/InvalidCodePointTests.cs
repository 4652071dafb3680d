using System.Text;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>
/// Lone surrogates and noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, U+xFFFE/U+xFFFF) at random positions, mixed with CJK
/// and well-formed pairs: documents are accepted, found by their other words, returned intact (lone surrogates as
/// U+FFFD), and queries containing them work.
/// </summary>
[Trait("Category", "Reliability")]
public class InvalidCodePointTests
{
    private static readonly string[] Materials = ["石墨烯", "钠离子电池", "防水透气膜", "碳纤维", "陶瓷釉料", "竹纤维"];
    private static readonly string[] Processes = ["超临界发泡", "注塑成型", "静电纺丝", "激光焊接", "数字印花"];
    private static readonly string[] Pairs = ["😀", "👩‍🔬", "🇨🇳", "𠀀", "𪚥"];
    private static readonly string[] Filler = ["鞋服", "晋江", "企业", "。", "，", " ", "TPU", "应用"];

    [Fact]
    public void Normalize_RandomHostileStrings_NeverThrowsAndLeavesNoInvalidCodePoint()
    {
        var random = new Random(364);
        for (var i = 0; i < 3000; i++)
        {
            var output = ChineseTextNormalizer.Default.Normalize(Hostile(random, 40));
            Assert.DoesNotContain(output, c => char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' or '\uFFFD' or >= '\uFDD0' and <= '\uFDEF');
        }
    }

    // Inputs are written with \u escapes and unescaped in the test: invalid code points in theory data make test ids
    // collide (xunit then silently skips all but one case).
    [Theory]
    [InlineData(@"防\uFFFE水", "防水")]
    [InlineData(@"防\uFFFF水", "防水")]
    [InlineData(@"防\uFDD0水\uFDEF", "防水")]
    [InlineData(@"防\uD800水", "防水")]
    [InlineData(@"防\uDC00水", "防水")]
    [InlineData(@"\uDBFF\uDFFF防水\uD83F\uDFFE", "防水")] // U+10FFFF, U+1FFFE: noncharacters outside the BMP
    [InlineData("防水😀透气", "防水 透气")] // a well-formed pair still separates words
    [InlineData("&#xFFFE;防水", "防水")] // decoded entities are checked too
    public void Normalize_InvalidCodePoints_AreDroppedWithoutSeparatingWords(string escaped, string expected) =>
        Assert.Equal(expected, ChineseTextNormalizer.Default.Normalize(System.Text.RegularExpressions.Regex.Replace(
            escaped, @"\\u([0-9A-Fa-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString())));

    [Fact]
    public async Task HostileDocuments_AreAcceptedFoundAndReturnedIntact()
    {
        var random = new Random(13);
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index);
        var documents = new List<(TechAchievement Document, string Title, string Description, string[] Keywords, string Query)>();
        var n = 0;
        foreach (var material in Materials)
        {
            foreach (var process in Processes)
            {
                var title = Hostile(random, 8) + material + Hostile(random, 8);
                var description = Hostile(random, 20) + material + " " + Hostile(random, 5) + " " + process + Hostile(random, 20);
                string[] keywords = [Hostile(random, 4) + process, Hostile(random, 6), material + Hostile(random, 3)];
                var document = new TechAchievement($"hostile-{n++}", title) { Description = description, Keywords = keywords };
                documents.Add((document, title, description, keywords, material + " " + process));
            }
        }

        var result = await index.UpsertManyAsync(documents.Select(d => d.Document));
        Assert.All(result.Outcomes, o => Assert.True(o.Accepted, $"{o.Id}: {o.Reason}"));

        foreach (var (document, title, description, keywords, query) in documents)
        {
            // The document holds its text with lone surrogates replaced by U+FFFD; pairs and noncharacters are kept.
            Assert.Equal(Repaired(title.Trim()), document.Title);
            Assert.Equal(Repaired(description), document.Description);
            Assert.Equal(keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Repaired(k.Trim())), document.Keywords);

            var stored = await index.GetAsync(document.Id, MatchDocument.DefaultTenant);
            Documents.DocumentInvariantTests.AssertSameDocument(document, stored);
            foreach (var pair in Pairs.Where(description.Contains))
            {
                Assert.Contains(pair, stored!.Description, StringComparison.Ordinal);
            }

            var found = await engine.MatchAsync(MatchRequest.ForText(query));
            Assert.Contains(found.Items, r => r.Id == document.Id);

            var hostileQuery = await engine.MatchAsync(MatchRequest.ForText(Hostile(random, 6) + " " + query.Replace(" ", " " + Hostile(random, 6) + " ", StringComparison.Ordinal) + " " + Hostile(random, 6)));
            Assert.Contains(hostileQuery.Items, r => r.Id == document.Id);
        }
    }

    /// <summary>The reference rule: each ill-formed UTF-16 unit becomes U+FFFD (what <see cref="string.EnumerateRunes"/> yields).</summary>
    private static string Repaired(string s) => string.Concat(s.EnumerateRunes().Select(r => r.ToString()));

    private static string Hostile(Random random, int maxParts)
    {
        var sb = new StringBuilder();
        for (var i = random.Next(maxParts + 1); i > 0; i--)
        {
            _ = random.Next(9) switch
            {
                0 => sb.Append((char)random.Next(0xD800, 0xDC00)), // lone high (unless a low follows by chance: then a valid pair)
                1 => sb.Append((char)random.Next(0xDC00, 0xE000)), // lone low
                2 => sb.Append(random.Next(2) == 0 ? '\uFFFE' : '\uFFFF'),
                3 => sb.Append((char)random.Next(0xFDD0, 0xFDF0)),
                4 => sb.Append(char.ConvertFromUtf32((random.Next(1, 17) << 16) | 0xFFFE | random.Next(2))), // U+xFFFE / U+xFFFF
                5 or 6 => sb.Append(Pairs[random.Next(Pairs.Length)]),
                _ => sb.Append(Filler[random.Next(Filler.Length)]),
            };
        }

        return sb.ToString();
    }
}
