using System.Reflection;

namespace Quanzhou.Matching.Tests.Matching;

public sealed class SubQueryOptionsTests
{
    // Set by the copy itself; every other property must carry over from the caller's options.
    private static readonly HashSet<string> Replaced = [nameof(MatchOptions.Top), nameof(MatchOptions.Skip), nameof(MatchOptions.CandidatePoolSize), nameof(MatchOptions.Kinds), nameof(MatchOptions.IncludeExplanations)];

    [Fact]
    public void Every_other_match_option_is_carried_over()
    {
        var source = new MatchOptions
        {
            IndustryTags = ["textiles-apparel"],
            Regions = ["350500"],
            MinMaturity = Maturity.FromTrl(4),
            MaxMaturity = Maturity.FromTrl(8),
            CollapseDuplicates = true,
            Retrieval = CandidateRetrieval.Words,
            UseExpertEvidence = false,
            ExpertEvidenceWeight = 2.5,
            DenseCandidatePoolSize = 40,
        };
        var copy = SubQueryOptions.For(source, [DocumentKind.Expert], 7);

        var defaults = new MatchOptions();
        foreach (var property in typeof(MatchOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && !Replaced.Contains(p.Name)))
        {
            // The source must differ from the defaults for the check to mean anything (a new option needs a value above).
            Assert.False(Equals(property.GetValue(source), property.GetValue(defaults)), $"give {property.Name} a non-default value in this test");
            Assert.Equal(property.GetValue(source), property.GetValue(copy));
        }

        Assert.Equal(7, copy.Top);
        Assert.Equal([DocumentKind.Expert], copy.Kinds);
    }
}
