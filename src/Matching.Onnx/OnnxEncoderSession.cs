using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Quanzhou.Matching.Onnx;

/// <summary>
/// An ONNX Runtime session over a BERT-family encoder, with the inputs it declares and the output it is read from:
/// <c>last_hidden_state</c>, else the first <c>[batch, sequence, hidden]</c> float output, else a pooled
/// <c>[batch, hidden]</c> one.
/// </summary>
/// <remarks>Thread-safe: <see cref="InferenceSession.Run(RunOptions, IReadOnlyDictionary{string, OrtValue}, IReadOnlyCollection{string})"/> may be called concurrently.</remarks>
internal sealed class OnnxEncoderSession : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly SessionOptions _sessionOptions;
    private readonly Dictionary<string, TensorElementType> _inputs;
    private readonly string[] _outputNames;

    private OnnxEncoderSession(InferenceSession session, SessionOptions sessionOptions, string modelPath)
    {
        Session = session;
        _sessionOptions = sessionOptions;
        _inputs = ReadInputs(session, modelPath, out var fixedLength);
        FixedSequenceLength = fixedLength;
        var (name, output) = SelectOutput(session, modelPath);
        _outputNames = [name];
        IsPooled = output.Dimensions.Length == 2;
        var hidden = output.Dimensions[^1];
        HiddenSize = hidden > 0 ? hidden : 0;
    }

    /// <summary>The ONNX Runtime session.</summary>
    public InferenceSession Session { get; }

    /// <summary>Whether the output is already one vector per text, so pooling does not apply.</summary>
    public bool IsPooled { get; }

    /// <summary>The output's hidden size from the model's metadata, or 0 when the dimension is dynamic.</summary>
    public int HiddenSize { get; }

    /// <summary>The sequence length the inputs are declared with, when it is fixed rather than dynamic.</summary>
    public int? FixedSequenceLength { get; }

    /// <summary>Opens the model; a file ONNX Runtime cannot load, or a graph with no usable signature, fails naming the path.</summary>
    public static OnnxEncoderSession Open(string modelPath, int? intraOpThreads)
    {
        var sessionOptions = new SessionOptions();
        try
        {
            if (intraOpThreads is { } threads)
            {
                sessionOptions.IntraOpNumThreads = threads;
            }

            InferenceSession session;
            try
            {
                session = new InferenceSession(modelPath, sessionOptions);
            }
            catch (OnnxRuntimeException e)
            {
                throw new InvalidOperationException($"'{modelPath}' is not an ONNX model that ONNX Runtime can load: {e.Message}", e);
            }

            try
            {
                return new OnnxEncoderSession(session, sessionOptions, modelPath);
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The model's limit on tokens per text when it can be found: a fixed input length, else <c>max_position_embeddings</c>
    /// in the <c>config.json</c> written beside the model by Hugging Face exports.
    /// </summary>
    public static int? FindSequenceLimit(string modelPath, int? fixedSequenceLength)
    {
        if (fixedSequenceLength is not null)
        {
            return fixedSequenceLength;
        }

        var config = Path.Combine(Path.GetDirectoryName(modelPath) ?? ".", "config.json");
        if (!File.Exists(config))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(config));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("max_position_embeddings", out var value)
                && value.TryGetInt32(out var limit) && limit > 0
                ? limit
                : null;
        }
        catch (JsonException)
        {
            // A config.json that is not the model's (or not JSON) tells nothing about the limit; the model itself still loads.
            return null;
        }
    }

    /// <summary>
    /// Runs one batch padded to its longest text (or the model's fixed length) and returns one vector per text: the
    /// model's pooled output when <see cref="IsPooled"/>, else its hidden states pooled as <paramref name="pooling"/> says.
    /// </summary>
    public float[][] Run(IReadOnlyList<int[]> batch, int paddingId, OnnxPooling pooling, RunOptions runOptions)
    {
        var sequenceLength = FixedSequenceLength ?? batch.Max(ids => ids.Length);
        var ids = new long[batch.Count * sequenceLength];
        var mask = new long[ids.Length];
        Array.Fill(ids, paddingId);
        for (var b = 0; b < batch.Count; b++)
        {
            var row = b * sequenceLength;
            for (var t = 0; t < batch[b].Length; t++)
            {
                ids[row + t] = batch[b][t];
                mask[row + t] = 1;
            }
        }

        long[] shape = [batch.Count, sequenceLength];
        var inputs = new Dictionary<string, OrtValue>(_inputs.Count);
        try
        {
            foreach (var (name, type) in _inputs)
            {
                var data = name switch
                {
                    InputIds => ids,
                    AttentionMask => mask,
                    _ => new long[ids.Length], // token_type_ids: one segment
                };
                inputs[name] = CreateTensor(data, shape, type);
            }

            using var outputs = Session.Run(runOptions, inputs, _outputNames);
            var values = outputs[0].GetTensorDataAsSpan<float>();
            var hiddenSize = checked((int)outputs[0].GetTensorTypeAndShape().Shape[^1]);
            var vectors = new float[batch.Count][];
            for (var b = 0; b < batch.Count; b++)
            {
                vectors[b] = IsPooled
                    ? values.Slice(b * hiddenSize, hiddenSize).ToArray()
                    : SentencePooling.Pool(values, b, sequenceLength, hiddenSize, batch[b].Length, pooling);
            }

            return vectors;
        }
        finally
        {
            foreach (var value in inputs.Values)
            {
                value.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Session.Dispose();
        _sessionOptions.Dispose();
    }

    private static OrtValue CreateTensor(long[] data, long[] shape, TensorElementType type) => type == TensorElementType.Int32
        ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(data, v => (int)v), shape)
        : OrtValue.CreateTensorValueFromMemory(data, shape);

    private static Dictionary<string, TensorElementType> ReadInputs(InferenceSession session, string modelPath, out int? fixedSequenceLength)
    {
        fixedSequenceLength = null;
        var inputs = new Dictionary<string, TensorElementType>(StringComparer.Ordinal);
        foreach (var (name, metadata) in session.InputMetadata)
        {
            if (name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new InvalidOperationException(
                    $"'{modelPath}' declares the input '{name}'; a BERT-family encoder is fed only {InputIds}, {AttentionMask} and {TokenTypeIds}.");
            }

            var type = metadata.IsTensor ? metadata.ElementDataType : TensorElementType.DataTypeMax;
            if (type is not (TensorElementType.Int64 or TensorElementType.Int32) || metadata.Dimensions.Length != 2)
            {
                throw new InvalidOperationException($"'{modelPath}': the input '{name}' must be an int64 or int32 tensor [batch, sequence].");
            }

            if (metadata.Dimensions[1] > 0)
            {
                fixedSequenceLength = metadata.Dimensions[1];
            }

            inputs[name] = type;
        }

        if (!inputs.ContainsKey(InputIds))
        {
            throw new InvalidOperationException($"'{modelPath}' has no '{InputIds}' input; it is not a BERT-family encoder.");
        }

        return inputs;
    }

    private static (string Name, NodeMetadata Metadata) SelectOutput(InferenceSession session, string modelPath)
    {
        var floats = session.OutputMetadata
            .Where(o => o.Value.IsTensor && o.Value.ElementDataType == TensorElementType.Float)
            .ToList();
        var chosen = floats.FirstOrDefault(o => o.Key == "last_hidden_state" && o.Value.Dimensions.Length == 3);
        chosen = chosen.Key is null ? floats.FirstOrDefault(o => o.Value.Dimensions.Length == 3) : chosen;
        chosen = chosen.Key is null ? floats.FirstOrDefault(o => o.Value.Dimensions.Length == 2) : chosen;
        return chosen.Key is null
            ? throw new InvalidOperationException(
                $"'{modelPath}' has no float output shaped [batch, sequence, hidden] or [batch, hidden]; it is not a sentence encoder.")
            : (chosen.Key, chosen.Value);
    }
}
