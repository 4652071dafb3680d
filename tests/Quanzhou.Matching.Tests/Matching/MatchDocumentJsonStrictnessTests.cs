using System.Text;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Tests.Matching;

/// <summary>The JSON-lines reader refuses wrong JSON types and non-UTF-8 bytes, naming the field and the line.</summary>
[Trait("Category", "Reliability")]
public sealed class MatchDocumentJsonStrictnessTests : IDisposable
{
    private static readonly string[] StringFields =
        ["kind", "id", "title", "description", "abstract", "region", "organization", "maturity", "tenant", "visibility", "createdAt", "updatedAt", "serviceChain"];

    private static readonly string[] ListFields = ["keywords", "industries", "cooperationModes", "achievementIds", "skills"];

    private static readonly string[] NumberFields = ["priceMin", "priceMax", "budgetMin", "budgetMax"];

    private static readonly byte[] Gbk = [0xB2, 0xE2, 0xCA, 0xD4]; // "测试" in GBK: not UTF-8

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("qzm-json-");

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>Every (field, wrong value) pair: the value of the wrong type, and the field name the error must give.</summary>
    public static TheoryData<string, string, string> WrongTypes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var field in StringFields)
        {
            foreach (var value in new[] { "5", "5.5", "true", "false", """{"a":"b"}""", """["x"]""" })
            {
                data.Add(field, value, $"'{field}'");
            }
        }

        foreach (var field in ListFields)
        {
            foreach (var (value, named) in new[] { ("\"x\"", field), ("5", field), ("true", field), ("""{"a":"b"}""", field), ("[5]", field + "[]"), ("[\"a\",true]", field + "[]"), ("[[\"a\"]]", field + "[]") })
            {
                data.Add(field, value, $"'{named}'");
            }
        }

        foreach (var field in NumberFields)
        {
            foreach (var value in new[] { "\"100\"", "\"\"", "true", "[1]", """{"v":1}""" })
            {
                data.Add(field, value, $"'{field}'");
            }
        }

        foreach (var value in new[] { "\"true\"", "1", "0", "[]", "{}" })
        {
            data.Add("challenge", value, "'challenge'");
        }

        foreach (var (value, named) in new[] { ("[]", "attributes"), ("\"x\"", "attributes"), ("5", "attributes"), ("""{"k":1}""", "attributes.k"), ("""{"k":true}""", "attributes.k"), ("""{"k":["v"]}""", "attributes.k") })
        {
            data.Add("attributes", value, $"'{named}'");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Parse_WrongJsonType_IsErrorNamingFieldAndLine(string field, string value, string named)
    {
        foreach (var kind in new[] { "need", "achievement", "expert" })
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["kind"] = $"\"{kind}\"", ["id"] = "\"x-1\"", ["title"] = "\"标题\"", [field] = value,
            };
            var json = "{" + string.Join(',', properties.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";

            var record = MatchDocumentJson.Parse(json, lineNumber: 17);

            Assert.Null(record.Document);
            Assert.StartsWith("line 17: ", record.Error, StringComparison.Ordinal);
            Assert.Contains(named, record.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_RightJsonTypes_AreAccepted()
    {
        var record = MatchDocumentJson.Parse(
            """{"kind":"need","id":"n-1","title":"标题","description":"d","region":"泉州","organization":"o","maturity":"中试","tenant":"t","visibility":"tenant","createdAt":"2024-01-01T00:00:00Z","keywords":["a"],"industries":["shoes"],"cooperationModes":["转让"],"budgetMin":1,"budgetMax":2.5,"challenge":true,"attributes":{"k":"v"},"priceMin":null}""");

        var need = Assert.IsType<TechNeed>(record.Document);
        Assert.True(need.IsChallenge);
        Assert.Equal(new MoneyRange(1, 2.5m), need.Budget);
        Assert.Equal("v", need.Attributes["k"]);
    }

    [Fact]
    public void Parse_RepeatedProperty_IsError()
    {
        var record = MatchDocumentJson.Parse("""{"kind":"need","id":"a","id":"b","title":"t"}""", 3);

        Assert.Null(record.Document);
        Assert.StartsWith("line 3: ", record.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "\n", false)]
    [InlineData(2, "\r\n", true)]
    [InlineData(3, "\r", false)]
    [InlineData(4, "\n", true)]
    [InlineData(5, "\r\n", false)]
    public void ReadFile_NonUtf8BytesOnRandomLines_ReportsExactlyThoseLines(int seed, string newline, bool bom)
    {
        var random = new Random(seed);
        var lines = random.Next(5, 40);
        var bad = Enumerable.Range(1, lines).Where(_ => random.Next(4) == 0).ToHashSet();
        var blank = Enumerable.Range(1, lines).Where(n => !bad.Contains(n) && random.Next(8) == 0).ToHashSet();
        var bytes = new List<byte>();
        if (bom)
        {
            bytes.AddRange([0xEF, 0xBB, 0xBF]);
        }

        for (var n = 1; n <= lines; n++)
        {
            if (!blank.Contains(n))
            {
                var json = Encoding.UTF8.GetBytes($"{{\"kind\":\"need\",\"id\":\"n-{n}\",\"title\":\"标题{n}\",\"description\":\"描述 ");
                var at = bad.Contains(n) ? random.Next(json.Length) : json.Length;
                bytes.AddRange(json[..at]);
                if (bad.Contains(n))
                {
                    bytes.AddRange(Gbk);
                }

                bytes.AddRange(json[at..]);

                bytes.AddRange(Encoding.UTF8.GetBytes("\"}"));
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(newline));
        }

        var path = Path.Combine(_work.FullName, $"gbk-{seed}.jsonl");
        File.WriteAllBytes(path, [.. bytes]);

        var records = MatchDocumentJson.ReadFile(path).ToList();

        Assert.Equal(bad.Order(), records.Where(r => r.Document is null).Select(r => r.LineNumber));
        Assert.All(records.Where(r => r.Document is null), r => Assert.Contains("UTF-8", r.Error, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, lines).Where(n => !bad.Contains(n) && !blank.Contains(n)), records.Where(r => r.Document is not null).Select(r => r.LineNumber));
        Assert.All(records.Where(r => r.Document is not null), r => Assert.Equal($"n-{r.LineNumber}", r.Document!.Id));
        Assert.DoesNotContain(records, r => r.Document?.Title.Contains('\uFFFD', StringComparison.Ordinal) == true);
    }

    [Fact]
    public void ReadFile_LineLongerThanTheReadBuffer_IsReadWhole()
    {
        var description = new string('膜', 70_000); // 210 kB of UTF-8: spans several 64 KiB reads
        var path = Path.Combine(_work.FullName, "long.jsonl");
        File.WriteAllText(path, $"{{\"kind\":\"need\",\"id\":\"n-1\",\"title\":\"t\",\"description\":\"{description}\"}}\r\n{{\"kind\":\"need\",\"id\":\"n-2\",\"title\":\"t\"}}", new UTF8Encoding(true));

        var records = MatchDocumentJson.ReadFile(path).ToList();

        Assert.Equal([1, 2], records.Select(r => r.LineNumber));
        Assert.Equal(description, Assert.IsType<TechNeed>(records[0].Document).Description);
        Assert.NotNull(records[1].Document);
    }
}
