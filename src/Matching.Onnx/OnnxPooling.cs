namespace Quanzhou.Matching.Onnx;

/// <summary>How an <see cref="OnnxEmbeddingGenerator"/> turns a model's per-token hidden states into one sentence vector.</summary>
/// <remarks>
/// Use the pooling the model was trained with: sentence-transformers models such as text2vec, m3e and
/// all-MiniLM-L6-v2 use <see cref="Mean"/>; the BGE family (BAAI/bge-*-zh-v1.5) uses <see cref="Cls"/>. A model exported
/// with its pooling already inside the graph (a single <c>[batch, hidden]</c> output) is used as it is, whatever this says.
/// </remarks>
public enum OnnxPooling
{
    /// <summary>The average of the token vectors, counting only real tokens (the attention mask), not padding.</summary>
    Mean = 0,

    /// <summary>The vector of the first token, <c>[CLS]</c>.</summary>
    Cls = 1,
}
