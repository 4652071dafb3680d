namespace Quanzhou.Matching.Onnx;

/// <summary>Configures an <see cref="OnnxEmbeddingGenerator"/>: the model files, pooling, normalisation and batching.</summary>
/// <remarks>
/// The generator copies these values when it is constructed; changing the options afterwards has no effect on it.
/// Setters reject out-of-range values at once; the files are checked by the generator's constructor.
/// </remarks>
public sealed class OnnxEmbeddingOptions
{
    private OnnxPooling _pooling = OnnxPooling.Mean;
    private int _maxSequenceLength = 512;
    private int _batchSize = 16;
    private int? _intraOpThreads;
    private string? _modelId;

    /// <summary>The path of the encoder exported to ONNX (<c>model.onnx</c>). Required.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>The path of the model's WordPiece vocabulary (<c>vocab.txt</c>, one token a line). Required.</summary>
    public string VocabularyPath { get; set; } = string.Empty;

    /// <summary>How token vectors become a sentence vector. Default <see cref="OnnxPooling.Mean"/>.</summary>
    /// <remarks>Ignored when the model's only suitable output is already pooled (<c>[batch, hidden]</c>).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="OnnxPooling"/>.</exception>
    public OnnxPooling Pooling
    {
        get => _pooling;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Pooling must be OnnxPooling.Mean or OnnxPooling.Cls.");
            }

            _pooling = value;
        }
    }

    /// <summary>Whether each vector is scaled to unit length (L2), so that a dot product is the cosine. Default <see langword="true"/>.</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>
    /// The most tokens fed to the model per text, <c>[CLS]</c> and <c>[SEP]</c> included; longer texts are truncated
    /// (their first <c>MaxSequenceLength - 2</c> word pieces are embedded). Default 512, at least 2.
    /// </summary>
    /// <remarks>
    /// The generator's constructor refuses a value above the model's own limit when it can find one: a fixed sequence
    /// dimension of the model's inputs, or <c>max_position_embeddings</c> in a <c>config.json</c> beside the model (as
    /// <c>optimum-cli export onnx</c> writes it).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 2.</exception>
    public int MaxSequenceLength
    {
        get => _maxSequenceLength;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            _maxSequenceLength = value;
        }
    }

    /// <summary>How many texts go through the model in one run. Default 16, at least 1.</summary>
    /// <remarks>Texts are grouped by token count before batching, so a batch pads little; results keep the input order.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int BatchSize
    {
        get => _batchSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _batchSize = value;
        }
    }

    /// <summary>Threads ONNX Runtime uses inside one operator; <see langword="null"/> (the default) keeps ONNX Runtime's default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? IntraOpThreads
    {
        get => _intraOpThreads;
        set
        {
            if (value is { } threads)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(value));
            }

            _intraOpThreads = value;
        }
    }

    /// <summary>
    /// Whether text is lower-cased and accents are stripped before WordPiece, as for an uncased model
    /// (<c>do_lower_case</c> in the model's tokenizer config). Default <see langword="true"/>; Chinese BERT vocabularies are uncased.
    /// </summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>
    /// The model id reported in the generator's metadata and on every embedding, such as <c>BAAI/bge-small-zh-v1.5</c>.
    /// Default <see langword="null"/>: the model file's name, <c>@</c> and the first 12 hex digits of its SHA-256.
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string? ModelId
    {
        get => _modelId;
        set
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value);
            }

            _modelId = value;
        }
    }
}
