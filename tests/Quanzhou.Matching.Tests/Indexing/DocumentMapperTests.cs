using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.Tests.Indexing;

/// <summary>A stored value the document model refuses is reported as a corrupt index naming the id and field, never as an arbitrary exception.</summary>
[Trait("Category", "Reliability")]
public class DocumentMapperTests
{
    public static TheoryData<string, string?, string, Func<IIndexableField>?> BadFields() => new()
    {
        { "trl-zero", IndexFields.Trl, IndexFields.Trl, () => new Int32Field(IndexFields.Trl, 0, Field.Store.YES) },
        { "trl-ten", IndexFields.Trl, IndexFields.Trl, () => new Int32Field(IndexFields.Trl, 10, Field.Store.YES) },
        { "trl-text", IndexFields.Trl, IndexFields.Trl, () => new StoredField(IndexFields.Trl, "six") },
        { "coop-undefined", IndexFields.Cooperation, IndexFields.Cooperation, () => new StoredField(IndexFields.Cooperation, 64) },
        { "coop-text", IndexFields.Cooperation, IndexFields.Cooperation, () => new StoredField(IndexFields.Cooperation, "转让") },
        { "vis-unknown", IndexFields.Visibility, IndexFields.Visibility, () => new StringField(IndexFields.Visibility, "secret", Field.Store.YES) },
        { "vis-missing", IndexFields.Visibility, IndexFields.Visibility, null },
        { "kind-unknown", IndexFields.Kind, IndexFields.Kind, () => new StringField(IndexFields.Kind, "robot", Field.Store.YES) },
        { "title-missing", IndexFields.Title, IndexFields.Title, null },
        { "tenant-missing", IndexFields.Tenant, IndexFields.Tenant, null },
        { "tenant-path", IndexFields.Tenant, IndexFields.Tenant, () => new StringField(IndexFields.Tenant, "../other", Field.Store.YES) },
        { "money-text", IndexFields.MoneyMin, IndexFields.MoneyMin, () => new StoredField(IndexFields.MoneyMin, "abc") },
        { "money-negative", IndexFields.MoneyMax, IndexFields.MoneyMax, () => new StoredField(IndexFields.MoneyMax, "-5") },
        { "money-huge", IndexFields.MoneyMin, IndexFields.MoneyMin, () => new StoredField(IndexFields.MoneyMin, "1" + new string('0', 40)) },
        { "date-text", IndexFields.CreatedAt, IndexFields.CreatedAt, () => new StoredField(IndexFields.CreatedAt, "yesterday") },
        { "attrs-broken", IndexFields.Attributes, IndexFields.Attributes, () => new StoredField(IndexFields.Attributes, "{\"k\":") },
        { "attrs-null", IndexFields.Attributes, IndexFields.Attributes, () => new StoredField(IndexFields.Attributes, "null") },
        { "attrs-array", IndexFields.Attributes, IndexFields.Attributes, () => new StoredField(IndexFields.Attributes, "[1]") },
        { "attrs-null-value", IndexFields.Attributes, IndexFields.Attributes, () => new StoredField(IndexFields.Attributes, "{\"k\":null}") },
        { "kw-long", null, IndexFields.Keywords, () => new StoredField(IndexFields.Keywords, new string('词', 201)) },
        { "ind-control", null, IndexFields.Industry, () => new StringField(IndexFields.Industry, "bad\u0000tag", Field.Store.YES) },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void FromLucene_BadStoredValue_ThrowsIndexCorruptedNamingIdAndField(string id, string? remove, string expectedField, Func<IIndexableField>? add)
    {
        var doc = Stored(id, remove, add);
        var ex = Assert.Throws<IndexCorruptedException>(() => DocumentMapper.FromLucene(doc));
        Assert.Equal("read", ex.Operation);
        Assert.Contains($"'{id}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{expectedField}'", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
        Assert.IsNotType<IndexCorruptedException>(ex.InnerException);
    }

    [Fact]
    public void FromLucene_MissingId_ThrowsIndexCorrupted()
    {
        var doc = Stored("gone", IndexFields.Id, null);
        Assert.Equal("read", Assert.Throws<IndexCorruptedException>(() => DocumentMapper.FromLucene(doc)).Operation);
    }

    [Fact]
    public void FromLucene_ValidStoredDocument_RoundTrips()
    {
        var need = Need("ok");
        Documents.DocumentInvariantTests.AssertSameDocument(need, DocumentMapper.FromLucene(DocumentMapper.ToLucene(DocumentMapper.Analyze(need, SmartCnTextAnalyzer.Default))));
    }

    [Fact]
    public async Task GetAsync_StoredMaturityOutOfRange_ThrowsIndexCorruptedNamingId()
    {
        // A stored document the library would never write, put there behind its back (the index hands out no writer).
        var publicPartition = new Lucene.Net.Store.RAMDirectory();
        using (var writer = new IndexWriter(publicPartition, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.AddDocument(Stored("m-def", IndexFields.Trl, () => new Int32Field(IndexFields.Trl, 0, Field.Store.YES)));
            writer.Commit();
        }

        using var index = LuceneMatchIndex.Create("memory", key => key == "public" ? publicPartition : new Lucene.Net.Store.RAMDirectory());

        var ex = await Assert.ThrowsAsync<IndexCorruptedException>(() => index.GetAsync("m-def", MatchDocument.DefaultTenant));
        Assert.Contains("'m-def'", ex.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentOutOfRangeException>(ex.InnerException);
    }

    private static TechNeed Need(string id) => new(id, "寻求防水透气膜技术")
    {
        Description = "鞋面防水", Keywords = ["防水"], IndustryTags = ["shoes"], Maturity = Maturity.FromTrl(6), CooperationModes = CooperationModes.License,
        Budget = new MoneyRange(1m, 2m), CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)), Attributes = new Dictionary<string, string> { ["k"] = "v" },
    };

    private static Document Stored(string id, string? remove, Func<IIndexableField>? add)
    {
        var doc = DocumentMapper.ToLucene(DocumentMapper.Analyze(Need(id), SmartCnTextAnalyzer.Default));
        if (remove is not null)
        {
            doc.RemoveFields(remove);
        }

        if (add is not null)
        {
            doc.Add(add());
        }

        return doc;
    }
}
