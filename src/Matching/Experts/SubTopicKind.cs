namespace Quanzhou.Matching.Experts;

/// <summary>Where a need's sub-topic comes from.</summary>
public enum SubTopicKind
{
    /// <summary>An industry taxonomy tag the <see cref="Taxonomy.TaxonomyTagger"/> assigns to the need (e.g. <c>shoes.membrane</c>).</summary>
    IndustryTag = 0,

    /// <summary>One of the need's most informative analysed terms (highest idf in the index), e.g. <c>透湿量</c>.</summary>
    Term = 1,
}
