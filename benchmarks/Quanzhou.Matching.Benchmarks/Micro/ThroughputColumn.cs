using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Quanzhou.Matching.Benchmarks.Data;

namespace Quanzhou.Matching.Benchmarks.Micro;

/// <summary>A column of units per second (characters, documents, queries) computed from the mean time of one operation.</summary>
internal sealed class ThroughputColumn(string name, string legend, Func<BenchmarkCase, double> unitsPerOperation) : IColumn
{
    public string Id => "Throughput." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (unitsPerOperation(benchmarkCase) / (mean.Value / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public static int IntParameter(BenchmarkCase benchmarkCase, string name) => (int)benchmarkCase.Parameters[name];
}

/// <summary>Adds a Chars/s column (characters of title + keywords + description of the <c>Docs</c> parameter's documents).</summary>
internal sealed class CharsPerSecondConfig : ManualConfig
{
    public CharsPerSecondConfig() => AddColumn(new ThroughputColumn(
        "Chars/s",
        "Characters of the documents' searchable text (title, keywords, description) analysed per second",
        c => BenchmarkData.Records(ThroughputColumn.IntParameter(c, "Docs")).Sum(r => (double)r.ToMatchDocument().GetSearchText().Length)));
}

/// <summary>Adds a Docs/s column (the <c>Docs</c> parameter per operation).</summary>
internal sealed class DocsPerSecondConfig : ManualConfig
{
    public DocsPerSecondConfig() => AddColumn(new ThroughputColumn("Docs/s", "Documents indexed per second", c => ThroughputColumn.IntParameter(c, "Docs")));
}

/// <summary>Adds a Queries/s column (one query per operation: these benchmarks set OperationsPerInvoke).</summary>
internal sealed class QueriesPerSecondConfig : ManualConfig
{
    public QueriesPerSecondConfig() => AddColumn(new ThroughputColumn("Queries/s", "Queries per second on one thread (1 / mean)", _ => 1));
}
