using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Tests.Matching;

public class MatchDocumentJsonTests
{
    [Fact]
    public void Read_BadLines_AreReportedWithLineNumbersAndReadingGoesOn()
    {
        var text = string.Join('\n',
            """{"kind":"need","id":"n1","title":"标题"}""",
            "{ broken",
            """{"kind":"robot","id":"x","title":"t"}""",
            """{"kind":"achievement","id":"../x","title":"t"}""",
            "",
            """{"kind":"achievement","id":"a1","title":"成果","maturity":"中试","cooperationModes":["转让"],"priceMin":1,"priceMax":2}""");
        var records = MatchDocumentJson.Read(new StringReader(text)).ToList();
        Assert.Equal(5, records.Count);
        Assert.NotNull(records[0].Document);
        Assert.StartsWith("line 2:", records[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("line 3:", records[2].Error, StringComparison.Ordinal);
        Assert.StartsWith("line 4:", records[3].Error, StringComparison.Ordinal);
        var achievement = Assert.IsType<TechAchievement>(records[4].Document);
        Assert.Equal(6, achievement.Maturity!.Value.Level);
        Assert.Equal(CooperationModes.Transfer, achievement.CooperationModes);
        Assert.Equal(new MoneyRange(1, 2), achievement.Price);
    }
}
