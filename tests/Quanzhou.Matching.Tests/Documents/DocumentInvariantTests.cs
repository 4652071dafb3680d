using System.Reflection;
using System.Text;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Documents;

/// <summary>
/// "No stored value can break a read": every invalid value is refused when a document is constructed, naming the
/// property, and every document that is accepted round-trips through an in-memory and a folder index.
/// </summary>
[Trait("Category", "Reliability")]
public class DocumentInvariantTests
{
    private const int CasesPerProperty = 40;

    private static readonly Func<MatchDocument>[] Constructors =
    [
        () => new TechNeed("n-1", "标题"),
        () => new TechAchievement("a-1", "标题"),
        () => new ExpertProfile("e-1", "姓名"),
    ];

    /// <summary>Generators of invalid values per settable property; an empty list means every value of the type is valid.</summary>
    private static readonly Dictionary<string, Func<Random, object?>[]> Invalid = new(StringComparer.Ordinal)
    {
        [nameof(MatchDocument.Description)] = [_ => new string('字', MatchDocument.MaxDescriptionLength + 1)],
        [nameof(MatchDocument.Keywords)] = ListWithNull, // plus the list rules below
        [nameof(ExpertProfile.Skills)] = ListWithNull,
        [nameof(MatchDocument.IndustryTags)] = [r => WithEntry(r, null), r => WithEntry(r, (string?)BadTag(r)), r => Distinct(r, MatchDocument.MaxListCount + 1)],
        [nameof(ExpertProfile.AchievementIds)] = [r => WithEntry(r, null), r => WithEntry(r, BadId(r)), r => Distinct(r, MatchDocument.MaxListCount + 1)],
        [nameof(MatchDocument.Region)] = [BadTag],
        [nameof(MatchDocument.Organization)] = [r => new string('机', MatchDocument.MaxTitleLength + 1 + r.Next(10))],
        [nameof(ExpertProfile.ServiceChain)] = [r => new string('链', MatchDocument.MaxTitleLength + 1 + r.Next(10))],
        [nameof(MatchDocument.Tenant)] = [r => null, BadId],
        [nameof(MatchDocument.Maturity)] = [_ => (Maturity?)default(Maturity)],
        [nameof(MatchDocument.CooperationModes)] = [r => (CooperationModes)((1 << r.Next(5, 31)) | r.Next(32)), _ => (CooperationModes)(-1), _ => (CooperationModes)int.MinValue],
        [nameof(MatchDocument.Visibility)] = [r => (Visibility)r.Next(3, int.MaxValue), r => (Visibility)(-1 - r.Next(1000)), _ => (Visibility)77],
        [nameof(MatchDocument.Attributes)] =
        [
            r => Attributes(r, ("k", null)),
            r => Attributes(r, (" ", "v")),
            r => Attributes(r, ("", "v")),
            r => Attributes(r, (new string('k', MatchDocument.MaxIdLength + 1), "v")),
            r => Attributes(r, ("k", new string('v', (64 * 1024) + 1))),
            _ => Enumerable.Range(0, MatchDocument.MaxListCount + 1).ToDictionary(i => $"k{i}", i => "v"),
        ],

        // No invalid values: any DateTimeOffset is stored with its offset; money ranges validate themselves
        // (MoneyRange_InvalidBounds_Throw); a flag has no invalid value.
        [nameof(MatchDocument.CreatedAt)] = [],
        [nameof(MatchDocument.UpdatedAt)] = [],
        [nameof(TechNeed.Budget)] = [],
        [nameof(TechAchievement.Price)] = [],
        [nameof(TechNeed.IsChallenge)] = [],
    };

    private static Func<Random, object?>[] ListWithNull =>
    [
        r => WithEntry(r, null),
        r => WithEntry(r, new string('词', 201 + r.Next(50))),
        r => Distinct(r, MatchDocument.MaxListCount + 1 + r.Next(10)),
    ];

    public static TheoryData<string, string> SettableProperties()
    {
        var data = new TheoryData<string, string>();
        foreach (var create in Constructors)
        {
            var type = create().GetType();
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                data.Add(type.Name, p.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SettableProperties))]
    public void Init_InvalidValue_ThrowsArgumentExceptionNamingTheProperty(string typeName, string propertyName)
    {
        Assert.True(Invalid.TryGetValue(propertyName, out var generators), $"{typeName}.{propertyName} has no invalid-value generator: add one (or an empty list) to this test.");
        var create = Constructors.Single(c => c().GetType().Name == typeName);
        var property = create().GetType().GetProperty(propertyName)!;
        var random = new Random(HashCode.Combine(typeName.Length, propertyName.Length, 13));
        foreach (var generate in generators)
        {
            for (var i = 0; i < CasesPerProperty; i++)
            {
                var value = generate(random);
                var document = create();
                var ex = Assert.ThrowsAny<ArgumentException>(() => Set(property, document, value));
                Assert.Equal(propertyName, ex.ParamName);
            }
        }
    }

    [Fact]
    public void Constructor_InvalidIdOrTitle_ThrowsArgumentExceptionNamingTheParameter()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var badId = BadId(random);
            Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => new TechNeed(badId!, "标题")).ParamName);
            Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => new ExpertProfile(badId!, "标题")).ParamName);
        }

        Assert.Equal("title", Assert.ThrowsAny<ArgumentException>(() => new TechAchievement("a", null!)).ParamName);
        Assert.Equal("title", Assert.ThrowsAny<ArgumentException>(() => new TechAchievement("a", new string('题', MatchDocument.MaxTitleLength + 1))).ParamName);
    }

    [Fact]
    public void Maturity_Default_IsRefusedAndNullMeansUnknown()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TechAchievement("m-def", "成果") { Maturity = default(Maturity) });
        Assert.Equal(nameof(MatchDocument.Maturity), ex.ParamName);
        Assert.Null(new TechAchievement("m-null", "成果") { Maturity = null }.Maturity);
    }

    [Theory]
    [InlineData("{\"id\":\"j1\",\"title\":\"t\",\"tenant\":\"../other\"}")]
    [InlineData("{\"id\":\"j1\",\"title\":\"t\",\"maturity\":\"TRL0\"}")]
    [InlineData("{\"id\":\"j1\",\"title\":\"t\",\"industries\":[\"a\\u0000b\"]}")]
    [InlineData("{\"id\":\"j1\",\"title\":\"t\",\"keywords\":[\"a\",null]}")]
    [InlineData("{\"id\":\"j1\",\"title\":\"t\",\"priceMin\":-1}")]
    [InlineData("{\"id\":\"j1\",\"title\":\"t\",\"priceMin\":1e40}")]
    [InlineData("{\"id\":\"j1\",\"title\":\"t\\uD800\"}")]
    [InlineData("{\"id\":\"j1\",\"title\":\"t\",\"createdAt\":\"yesterday\"}")]
    [InlineData("{\"id\":\"j\\u0000\",\"title\":\"t\"}")]
    public void JsonParse_InvalidValue_ReturnsAnErrorRecordInsteadOfThrowing(string json)
    {
        var record = Serialization.MatchDocumentJson.Parse(json, 7);
        Assert.Null(record.Document);
        Assert.StartsWith("line 7: ", record.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0, null, "min")]
    [InlineData(null, -0.01, "max")]
    [InlineData(10.0, 9.0, "min")]
    [InlineData(null, null, "min")]
    public void MoneyRange_InvalidBounds_Throw(double? min, double? max, string paramName) =>
        Assert.Equal(paramName, Assert.ThrowsAny<ArgumentException>(() => new MoneyRange((decimal?)min, (decimal?)max)).ParamName);

    [Fact]
    public async Task AcceptedDocuments_RoundTripThroughInMemoryAndFolderIndexes()
    {
        var random = new Random(20261204);
        var documents = Enumerable.Range(0, 150).Select(i => RandomDocument(random, i)).ToArray();

        using (var memory = LuceneMatchIndex.CreateInMemory())
        {
            await UpsertAllAsync(memory, documents);
            foreach (var expected in documents)
            {
                AssertSameDocument(expected, await memory.GetAsync(expected.Id, expected.Tenant));
            }
        }

        var path = TestFixtures.NewTempDirectory();
        using (var folder = LuceneMatchIndex.Open(path))
        {
            await UpsertAllAsync(folder, documents);
            AssertSameDocument(documents[0], await folder.GetAsync(documents[0].Id, documents[0].Tenant));
        }

        using var reopened = LuceneMatchIndex.Open(path);
        foreach (var expected in documents)
        {
            AssertSameDocument(expected, await reopened.GetAsync(expected.Id, expected.Tenant));
        }
    }

    internal static void AssertSameDocument(MatchDocument expected, MatchDocument? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Keywords, actual.Keywords);
        Assert.Equal(expected.IndustryTags, actual.IndustryTags);
        Assert.Equal(expected.Region, actual.Region);
        Assert.Equal(expected.Organization, actual.Organization);
        Assert.Equal(expected.Maturity, actual.Maturity);
        Assert.Equal(expected.CooperationModes, actual.CooperationModes);
        Assert.Equal(expected.Tenant, actual.Tenant);
        Assert.Equal(expected.Visibility, actual.Visibility);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.CreatedAt?.Offset, actual.CreatedAt?.Offset);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.UpdatedAt?.Offset, actual.UpdatedAt?.Offset);
        Assert.Equal(expected.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        switch (expected)
        {
            case TechNeed n:
                Assert.Equal(n.Budget, ((TechNeed)actual).Budget);
                Assert.Equal(n.IsChallenge, ((TechNeed)actual).IsChallenge);
                break;
            case TechAchievement a:
                Assert.Equal(a.Price, ((TechAchievement)actual).Price);
                break;
            case ExpertProfile e:
                var other = (ExpertProfile)actual;
                Assert.Equal(e.AchievementIds, other.AchievementIds);
                Assert.Equal(e.Skills, other.Skills);
                Assert.Equal(e.ServiceChain, other.ServiceChain);
                break;
        }
    }

    private static async Task UpsertAllAsync(LuceneMatchIndex index, IReadOnlyList<MatchDocument> documents)
    {
        var result = await index.UpsertManyAsync(documents);
        Assert.All(result.Outcomes, o => Assert.True(o.Accepted, $"{o.Id}: {o.Reason}"));
    }

    private static void Set(PropertyInfo property, MatchDocument document, object? value)
    {
        try
        {
            property.SetValue(document, value);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    private static string[] WithEntry(Random r, string? entry)
    {
        var list = Enumerable.Range(0, r.Next(0, 5)).Select(i => $"item{i}").ToList();
        list.Insert(r.Next(list.Count + 1), entry!);
        return [.. list];
    }

    private static string[] Distinct(Random r, int count) => Enumerable.Range(0, count).Select(i => $"v{i}-{r.Next(1000)}").ToArray();

    private static Dictionary<string, string> Attributes(Random r, (string Key, string? Value) bad)
    {
        var map = Enumerable.Range(0, r.Next(0, 4)).ToDictionary(i => $"ok{i}", i => "值");
        map[bad.Key] = bad.Value!;
        return map;
    }

    private static readonly string[] BadIdParts = ["", " ", "\t", "a b", "a/b", "a\\b", "\u0000", "\u0007", "\uD800", "\uDC00", "😀", "\uFFFF", "\uFFFE", "\u200B", "<", "&", "%", "#", "\u202E"];

    private static string? BadId(Random r)
    {
        return r.Next(6) switch
        {
            0 => null,
            1 => new string('a', MatchDocument.MaxIdLength + 1 + r.Next(20)),
            2 => BadIdParts[r.Next(3)],
            3 => r.Next(2) == 0 ? "." : "..",
            _ => Insert(r, "id-" + r.Next(1000), BadIdParts[3 + r.Next(BadIdParts.Length - 3)]),
        };
    }

    private static readonly string[] BadTagParts = ["\u0000", "\u0007", "\n", "\uD800", "\uDC00", "😀", "\uFFFF", "\uFFFE", "\uFDD0", "\u0085"];

    private static object? BadTag(Random r) => r.Next(4) switch
    {
        0 => " ",
        1 => new string('t', MatchDocument.MaxIdLength + 1 + r.Next(20)),
        2 => string.Empty,
        _ => Insert(r, "tag" + r.Next(100), BadTagParts[r.Next(BadTagParts.Length)]),
    };

    private static string Insert(Random r, string s, string part) => s.Insert(r.Next(1, s.Length), part);

    private static readonly string[] TextParts =
    [
        "防水透气膜", "石墨烯", "鞋底發泡", "ＴＰＵ", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uFFFF", "\uFFFE", "\uFDD0", "\uD83F\uDFFE", "😀", "👩‍🔬", "𠀀",
        "\u0000", "\r\n", "\t", "\u200B", "\u202E", "\"", "\\", "\u2028", "<b>", "&amp;", " ", "a", "Z9",
    ];

    private static string RandomText(Random r, int maxParts)
    {
        var sb = new StringBuilder();
        for (var i = r.Next(maxParts + 1); i > 0; i--)
        {
            sb.Append(TextParts[r.Next(TextParts.Length)]);
        }

        return sb.ToString();
    }

    private static readonly DateTimeOffset[] Dates =
    [
        DateTimeOffset.MinValue, DateTimeOffset.MaxValue, default, new(2026, 12, 4, 8, 30, 0, TimeSpan.FromHours(8)),
        new DateTimeOffset(2020, 2, 29, 23, 59, 59, 999, TimeSpan.FromHours(-14)).AddTicks(1234), new(2000, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(345)),
    ];

    private static readonly decimal[] Amounts = [0m, 0.0000000000000000000000000001m, 1.50m, 12_345.678m, decimal.MaxValue, 1_000_000m];

    private static MatchDocument RandomDocument(Random r, int i)
    {
        var id = $"doc-{i}";
        var title = RandomText(r, 6);
        var tenant = r.Next(3) switch { 0 => MatchDocument.DefaultTenant, 1 => "quanzhou", _ => "t:" + r.Next(100) };
        var visibility = (Visibility)r.Next(3);
        var maturity = r.Next(3) == 0 ? (Maturity?)null : Maturity.FromTrl(r.Next(1, 10));
        var modes = (CooperationModes)r.Next(32);
        var description = RandomText(r, 30);
        var keywords = Enumerable.Range(0, r.Next(6)).Select(_ => RandomText(r, 3)).ToArray();
        var tags = Enumerable.Range(0, r.Next(4)).Select(k => r.Next(2) == 0 ? $"Tag-{k}" : $"鞋服{k}").ToArray();
        var region = r.Next(2) == 0 ? null : "350582";
        var organization = r.Next(2) == 0 ? null : RandomText(r, 4);
        DateTimeOffset? created = r.Next(3) == 0 ? null : Dates[r.Next(Dates.Length)];
        DateTimeOffset? updated = r.Next(3) == 0 ? null : Dates[r.Next(Dates.Length)];
        var attributes = Enumerable.Range(0, r.Next(4)).ToDictionary(k => $"k{k}{RandomText(r, 1)}", _ => RandomText(r, 4));
        var money = r.Next(4) switch
        {
            0 => null,
            1 => new MoneyRange(Amounts[r.Next(Amounts.Length)], null),
            2 => new MoneyRange(null, Amounts[r.Next(Amounts.Length)]),
            _ => new MoneyRange(0m, decimal.MaxValue),
        };

        return (i % 3) switch
        {
            0 => new TechNeed(id, title)
            {
                Budget = money, IsChallenge = r.Next(2) == 0,
                Description = description, Keywords = keywords, IndustryTags = tags, Region = region, Organization = organization, Maturity = maturity,
                CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated, Attributes = attributes,
            },
            1 => new TechAchievement(id, title)
            {
                Price = money,
                Description = description, Keywords = keywords, IndustryTags = tags, Region = region, Organization = organization, Maturity = maturity,
                CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated, Attributes = attributes,
            },
            _ => new ExpertProfile(id, title)
            {
                AchievementIds = ["doc-1", $"doc-{r.Next(100)}"], Skills = Enumerable.Range(0, r.Next(4)).Select(_ => RandomText(r, 2)).ToArray(),
                ServiceChain = r.Next(2) == 0 ? null : RandomText(r, 3),
                Description = description, Keywords = keywords, IndustryTags = tags, Region = region, Organization = organization, Maturity = maturity,
                CooperationModes = modes, Tenant = tenant, Visibility = visibility, CreatedAt = created, UpdatedAt = updated, Attributes = attributes,
            },
        };
    }
}
