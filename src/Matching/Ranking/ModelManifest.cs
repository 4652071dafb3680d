using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quanzhou.Matching.Ranking;

/// <summary>
/// Describes a ranking model file: feature schema, missing-value rule, training data, dev metrics, ML.NET version and
/// the SHA-256 of the model file. A model is loaded only when its file hash and feature schema match.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The manifest format version this library writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The manifest format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>A name for the model, shown as the ranker name (e.g. <c>learned</c>).</summary>
    public string Name { get; init; } = "learned";

    /// <summary>The feature names in vector order.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>SHA-256 over the feature names and the missing-value rule.</summary>
    public string FeatureSchemaHash { get; init; } = string.Empty;

    /// <summary>How missing feature values are encoded.</summary>
    public string MissingValueRule { get; init; } = string.Empty;

    /// <summary>The trainer and its settings.</summary>
    public string Trainer { get; init; } = string.Empty;

    /// <summary>Trainer settings as text, for the record.</summary>
    public IReadOnlyDictionary<string, string> TrainerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>What the model was trained on.</summary>
    public string TrainingData { get; init; } = string.Empty;

    /// <summary>How many candidates per query training used (should equal serving's candidate pool).</summary>
    public int CandidatePoolSize { get; init; }

    /// <summary>Metrics measured when the model was made (e.g. <c>dev.problem.ndcg@10</c>).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Feature importance (gain share per feature), strongest first, when the trainer reports it.</summary>
    public IReadOnlyDictionary<string, double> FeatureImportance { get; init; } = new Dictionary<string, double>();

    /// <summary>The ML.NET version that wrote the model.</summary>
    public string MlNetVersion { get; init; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the model file.</summary>
    public string ModelSha256 { get; init; } = string.Empty;

    /// <summary>When the model was trained.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// How the model's scores map to match strength (<see cref="MatchResult.Strength"/>), fitted by the trainer on its
    /// training queries; <see langword="null"/> for a manifest without one (then only the shipped model has a strength).
    /// </summary>
    public StrengthCalibration? Calibration { get; init; }

    /// <summary>Reads a manifest from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InvalidModelException">The JSON is not a manifest.</exception>
    public static ModelManifest FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ModelManifest)
                ?? throw new InvalidModelException("The model manifest is empty (模型清单为空).");
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException($"The model manifest is not valid JSON (模型清单格式错误): {ex.Message}", ex);
        }
    }

    /// <summary>Writes the manifest as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, ManifestJsonContext.Default.ModelManifest);
}

/// <summary>Source-generated JSON metadata for <see cref="ModelManifest"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext
{
}
