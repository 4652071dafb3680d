using Quanzhou.Matching.Evaluation;

namespace Quanzhou.Matching.Tests.Evaluation;

/// <summary>The dataset readers with bad lines among good ones: each reported with its line and skipped, or a throw when strict.</summary>
[Trait("Category", "Reliability")]
public class EvaluationDatasetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadAll_BadLinesAtRandomPlaces_EachReportedWithItsLineAndTheRestRead(int seed)
    {
        var data = SyntheticDataset.Create(seed);
        var dataset = EvaluationDataset.Open(data.Folder);
        var invalid = new List<InvalidRecord>();

        var corpus = dataset.ReadCorpus(invalid);
        var queries = dataset.ReadQueries("dev", invalid);
        var qrels = dataset.ReadQrels("dev", invalid);

        Assert.Equal(data.GoodDocumentIds, corpus.Select(d => d.Id));
        Assert.Equal(data.GoodJudgedQueries + 1, queries.Count);
        Assert.Equal(data.GoodJudgedQueries, qrels.Values.Sum(g => g.Count));
        Assert.Equal(3, qrels["q00"]["d000"]); // the later duplicate does not overwrite the first judgment
        Assert.Equal(data.Bad.Count, invalid.Count);
        foreach (var (file, line, reason) in data.Bad)
        {
            var record = Assert.Single(invalid, r => Path.GetFileName(r.File) == file && r.LineNumber == line);
            Assert.Contains(reason, record.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', record.Reason);
            Assert.Equal($"{record.File}:{line}: {record.Reason}", record.ToString());
        }
    }

    [Fact]
    public void ReadCorpus_NoCollection_ThrowsOnTheFirstBadLineWithFileAndLine()
    {
        var data = SyntheticDataset.Create(seed: 4);
        var first = data.Bad.Where(b => b.File == "corpus.jsonl").MinBy(b => b.Line);

        var ex = Assert.Throws<FormatException>(() => EvaluationDataset.Open(data.Folder).ReadCorpus());

        Assert.StartsWith($"{Path.Combine(data.Folder, "corpus.jsonl")}:{first.Line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(first.Reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadQrels_MissingFile_ThrowsFileNotFoundNamingTheSplit()
    {
        var data = SyntheticDataset.Create(seed: 5);
        File.Delete(Path.Combine(data.Folder, "qrels.dev.txt"));

        var ex = Assert.Throws<FileNotFoundException>(() => EvaluationDataset.Open(data.Folder).ReadQrels("dev"));

        Assert.Contains("split 'dev'", ex.Message, StringComparison.Ordinal);
    }
}
