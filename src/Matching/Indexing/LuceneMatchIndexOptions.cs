using Microsoft.Extensions.Logging;
using Quanzhou.Matching.Analysis;
using Quanzhou.Matching.Embeddings;

namespace Quanzhou.Matching.Indexing;

/// <summary>Options for <see cref="LuceneMatchIndex"/>.</summary>
public sealed class LuceneMatchIndexOptions
{
    /// <summary>The text analyzer used for documents and queries; defaults to <see cref="SmartCnTextAnalyzer.Default"/>.</summary>
    public SmartCnTextAnalyzer? Analyzer { get; set; }

    /// <summary>How many threads analyse documents during bulk writes. Default: the processor count.</summary>
    public int IndexingThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// How many threads one large retrieval may use. A search whose terms have more than about 20,000 postings is split
    /// into ranges of document ids searched in parallel, with exactly the hits of one thread, while no other split
    /// search is running; concurrent callers each search on their own thread. Default: the processor count; 1 turns
    /// splitting off (a host that serves many requests at once may prefer it); values below 1 count as 1.
    /// </summary>
    public int SearchThreadsPerQuery { get; set; } = Environment.ProcessorCount;

    /// <summary>Test hook: never merge segments (tests that need several segments; background merges make their count timing-dependent).</summary>
    internal bool KeepSegments { get; set; }

    /// <summary>Lucene's in-memory buffer before it flushes a segment, in MB. Default 64.</summary>
    public double RamBufferSizeMb { get; set; } = 64;

    /// <summary>
    /// Whether <see cref="LuceneMatchIndex.Open"/> verifies the checksum of every index file before it answers (Lucene's
    /// <c>CheckIntegrity</c>: one sequential read of the files). Default <see langword="true"/>: Lucene does not check
    /// checksums on ordinary reads, so without it a damaged stored field can be read back silently altered. The cost grows
    /// with the index (measured in docs/articles/indexing.md); a host with a very large index may turn it off and
    /// run <see cref="LuceneMatchIndex.VerifyAsync"/> on a schedule instead.
    /// </summary>
    public bool VerifyOnOpen { get; set; } = true;

    /// <summary>
    /// The host's embedding model for hybrid matching (BM25 + dense vectors); <see langword="null"/> (default) for a
    /// lexical index, exactly as without it. See <see cref="EmbeddingOptions"/> for what is recorded and refused.
    /// </summary>
    public EmbeddingOptions? Embeddings { get; set; }

    /// <summary>Receives write outcomes and failures; optional.</summary>
    public ILogger? Logger { get; set; }
}
