namespace Quanzhou.Matching;

/// <summary>
/// The index holds vectors from another embedding model (or none) than the one configured, so its dense scores would
/// be meaningless: re-embed the documents (<c>LuceneMatchIndex.RebuildEmbeddingsAsync</c>) or open the index with the
/// model it was built with. (向量模型与索引不一致)
/// </summary>
public sealed class EmbeddingModelMismatchException : MatchingException
{
    /// <summary>Creates an exception.</summary>
    public EmbeddingModelMismatchException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public EmbeddingModelMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EmbeddingModelMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming both models, the operation and the index.</summary>
    /// <param name="indexModel">The model fingerprint recorded in the index; <see langword="null"/> when it holds no vectors.</param>
    /// <param name="configuredModel">The configured model's fingerprint; <see langword="null"/> when none is configured.</param>
    /// <param name="operation">The refused operation.</param>
    /// <param name="indexName">The index name or path.</param>
    public EmbeddingModelMismatchException(string? indexModel, string? configuredModel, string operation, string indexName)
        : base(Describe(indexModel, configuredModel), operation, indexName)
    {
        IndexModel = indexModel;
        ConfiguredModel = configuredModel;
    }

    /// <summary>The model fingerprint recorded in the index; <see langword="null"/> when the index holds no vectors.</summary>
    public string? IndexModel { get; }

    /// <summary>The configured model's fingerprint; <see langword="null"/> when none is configured.</summary>
    public string? ConfiguredModel { get; }

    private static string Describe(string? indexModel, string? configuredModel) => (indexModel, configuredModel) switch
    {
        (null, _) => $"The index holds documents without vectors, but embedding model '{configuredModel}' is configured (索引缺少向量): call RebuildEmbeddingsAsync to embed them.",
        (_, null) => $"The index holds vectors of embedding model '{indexModel}', but no embedding model is configured (未配置向量模型): open it with that model, or rebuild it without vectors.",
        _ => $"The index holds vectors of embedding model '{indexModel}', not of the configured '{configuredModel}' (向量模型不一致): call RebuildEmbeddingsAsync, or open it with the model it was built with.",
    };
}
