namespace Quanzhou.Matching.DependencyInjection;

/// <summary>Settings of one named index (configuration section <c>QuanzhouMatching:Indexes:&lt;name&gt;</c>).</summary>
public sealed class MatchIndexSettings
{
    /// <summary>The index folder; <see langword="null"/> or empty for an in-memory index (lost on restart).</summary>
    public string? Path { get; set; }

    /// <summary><c>learned</c> (default: the shipped LambdaRank model, or <see cref="ModelDirectory"/>) or <c>bm25</c>.</summary>
    public string Ranker { get; set; } = "learned";

    /// <summary>A folder with <c>model.zip</c> and <c>manifest.json</c> written by the trainer; <see langword="null"/> for the shipped model.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>A lexicon file whose terms are added to the shipped domain lexicon; optional.</summary>
    public string? LexiconPath { get; set; }

    /// <summary>Threads analysing documents during bulk writes (1–256). Default: the processor count.</summary>
    public int IndexingThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Threads one large retrieval may use (1–256; 1 turns splitting off). Default: the processor count.</summary>
    public int SearchThreadsPerQuery { get; set; } = Environment.ProcessorCount;

    /// <summary>Lucene's RAM buffer in MB (1–4096). Default 64.</summary>
    public double RamBufferSizeMb { get; set; } = 64;

    /// <summary>
    /// Whether the index uses the registered embedding model (an <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>
    /// in the container) for hybrid matching. Default <see langword="true"/>; ignored when none is registered.
    /// </summary>
    public bool UseEmbeddings { get; set; } = true;

    /// <summary>Put before every query text embedded (bge-zh: <c>为这个句子生成表示以用于检索相关文章：</c>); default none.</summary>
    public string EmbeddingQueryInstruction { get; set; } = string.Empty;

    /// <summary>Put before every document text embedded; default none (part of the model fingerprint recorded in the index).</summary>
    public string EmbeddingDocumentInstruction { get; set; } = string.Empty;
}
