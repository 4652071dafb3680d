using Microsoft.Extensions.Logging;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Indexing;

/// <summary>Options for <see cref="LuceneMatchIndex"/>.</summary>
public sealed class LuceneMatchIndexOptions
{
    /// <summary>The text analyzer used for documents and queries; defaults to <see cref="SmartCnTextAnalyzer.Default"/>.</summary>
    public SmartCnTextAnalyzer? Analyzer { get; set; }

    /// <summary>How many threads analyse documents during bulk writes. Default: the processor count.</summary>
    public int IndexingThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Lucene's in-memory buffer before it flushes a segment, in MB. Default 64.</summary>
    public double RamBufferSizeMb { get; set; } = 64;

    /// <summary>Receives write outcomes and failures; optional.</summary>
    public ILogger? Logger { get; set; }
}
