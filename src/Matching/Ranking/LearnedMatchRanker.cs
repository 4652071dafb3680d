using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Ranking;

/// <summary>
/// Ranks candidates with an ML.NET LambdaRank model over <see cref="RankingFeatures"/>. The default model ships inside
/// the package (trained on the train split of the public evaluation data; docs/articles/evaluation.md gives its dev and withheld-test metrics).
/// </summary>
/// <remarks>
/// Thread-safe: every call scores its candidates as one batch through <see cref="ITransformer.Transform"/>; no
/// <c>PredictionEngine</c> is shared. A model file is code (ML.NET loads assemblies named in it): load only trusted
/// files. Every load verifies the file's SHA-256 and feature schema against the manifest and runs a canary prediction.
/// </remarks>
public sealed class LearnedMatchRanker : IMatchRanker
{
    private const string DefaultModelResource = "Quanzhou.Matching.Ranking.model.zip";
    private const string DefaultManifestResource = "Quanzhou.Matching.Ranking.manifest.json";
    private static readonly TimeSpan CanaryTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<LearnedMatchRanker> DefaultInstance = new(LoadDefault);
    private static readonly Dictionary<string, FeatureDefinition> Definitions = RankingFeatures.Definitions.ToDictionary(d => d.Name);

    private readonly MLContext _ml = new(seed: 1);
    private readonly ITransformer _model;
    private readonly ITransformer? _contributions;
    private TreeEnsembleScorer? _fastScorer;

    private LearnedMatchRanker(ITransformer model, ModelManifest manifest)
    {
        _model = model;
        Manifest = manifest;
        if (model is ISingleFeaturePredictionTransformer<ICalculateFeatureContribution> predictor)
        {
            var sample = FeatureRowSchemas.ToDataView(_ml, [new float[manifest.FeatureNames.Count]], manifest.FeatureNames.Count);
            _contributions = _ml.Transforms.CalculateFeatureContribution(predictor, numberOfPositiveContributions: 4, numberOfNegativeContributions: 2).Fit(sample);
        }
    }

    /// <summary>The shipped model. Loaded (and verified) on first use.</summary>
    /// <exception cref="InvalidModelException">The shipped model is missing or fails verification.</exception>
    public static LearnedMatchRanker Default => DefaultInstance.Value;

    /// <summary>Whether a shipped default model is present in this build.</summary>
    public static bool HasDefaultModel => EmbeddedResources.Exists(DefaultModelResource) && EmbeddedResources.Exists(DefaultManifestResource);

    /// <summary>The model's manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The custom features (<see cref="IRankingFeature.Name"/>) this model was trained with, in order; register them in <see cref="MatchEngine.CustomFeatures"/> to serve it. Empty for the shipped model.</summary>
    public IReadOnlyList<string> CustomFeatureNames => [.. Manifest.FeatureNames.Skip(RankingFeatures.Names.Count)];

    /// <inheritdoc />
    public string Name => Manifest.Name;

    /// <inheritdoc />
    public bool UsesFeatures => true;

    /// <summary>Loads a model and its manifest from files (<c>model.zip</c> and <c>manifest.json</c> as the trainer writes them).</summary>
    /// <param name="modelPath">The model file.</param>
    /// <param name="manifestPath">The manifest file.</param>
    /// <returns>The ranker.</returns>
    /// <exception cref="InvalidModelException">The hash, schema or canary check failed.</exception>
    public static LearnedMatchRanker Load(string modelPath, string manifestPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestPath);
        try
        {
            return Load(File.ReadAllBytes(modelPath), ModelManifest.FromJson(File.ReadAllText(manifestPath)));
        }
        catch (IOException ex)
        {
            throw new InvalidModelException($"Cannot read the model files (无法读取模型文件): {ex.Message}", ex);
        }
    }

    /// <summary>Loads a model from bytes after checking them against the manifest.</summary>
    /// <param name="model">The model file's bytes.</param>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The ranker.</returns>
    /// <exception cref="InvalidModelException">The hash, schema or canary check failed.</exception>
    public static LearnedMatchRanker Load(byte[] model, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(manifest);
        var hash = Convert.ToHexStringLower(SHA256.HashData(model));
        if (!string.Equals(hash, manifest.ModelSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidModelException($"The model file's SHA-256 {hash} does not match the manifest's {manifest.ModelSha256} (模型文件校验失败): the file is corrupted, truncated or not the one described.");
        }

        var builtIn = RankingFeatures.Names;
        if (manifest.FeatureNames.Count < builtIn.Count || !manifest.FeatureNames.Take(builtIn.Count).SequenceEqual(builtIn)
            || manifest.FeatureSchemaHash != RankingFeatures.SchemaHashOf(manifest.FeatureNames))
        {
            throw new InvalidModelException($"The model was trained on features [{string.Join(", ", manifest.FeatureNames)}] but this library computes [{string.Join(", ", builtIn)}] (模型特征不匹配), optionally followed by custom features. Retrain the model with this version.");
        }

        try
        {
            CustomFeatureSet.CheckNames(manifest.FeatureNames.Skip(builtIn.Count), nameof(manifest));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidModelException($"The model's custom feature names are invalid (模型自定义特征无效): {ex.Message}", ex);
        }

        ITransformer transformer;
        try
        {
            using var stream = new MemoryStream(model, writable: false);
            transformer = new MLContext(seed: 1).Model.Load(stream, out _);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidModelException($"ML.NET could not load the model (模型加载失败): {ex.Message}", ex);
        }

        var ranker = new LearnedMatchRanker(transformer, manifest);
        ranker.RunCanary();
        return ranker;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RankerScore>> ScoreAsync(RankingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.FeatureNames.SequenceEqual(Manifest.FeatureNames))
        {
            throw new InvalidModelException(CustomFeatureNames.Count > 0
                ? $"The model needs the custom features [{string.Join(", ", CustomFeatureNames)}] in this order, but the candidates have [{string.Join(", ", input.FeatureNames.Skip(RankingFeatures.Names.Count))}] (特征与模型不匹配): register them in MatchEngine.CustomFeatures."
                : $"The candidates' features do not match the model's feature schema (特征与模型不匹配): the model has no custom features, the candidates have [{string.Join(", ", input.FeatureNames.Skip(RankingFeatures.Names.Count))}].");
        }

        var count = input.Candidates.Count;
        if (count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<RankerScore>>([]);
        }

        var scores = Score(input.Candidates.Select(c => ToArray(c.Features)).ToArray());
        var result = new RankerScore[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = new RankerScore(scores[i], []);
        }

        if (input.ExplainCount > 0 && _contributions is not null)
        {
            var top = Enumerable.Range(0, count).OrderByDescending(i => scores[i]).Take(input.ExplainCount).ToArray();
            var explained = Contributions(top.Select(i => ToArray(input.Candidates[i].Features)).ToArray());
            for (var j = 0; j < top.Length; j++)
            {
                result[top[j]] = result[top[j]] with { Contributions = explained[j] };
            }
        }

        return ValueTask.FromResult<IReadOnlyList<RankerScore>>(result);
    }

    private float[] Score(IReadOnlyList<float[]> features)
    {
        if (_fastScorer is { } fast)
        {
            var scores = new float[features.Count];
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = fast.Score(features[i]);
            }

            return scores;
        }

        return ScoreWithMlNet(features);
    }

    private float[] ScoreWithMlNet(IEnumerable<float[]> features)
    {
        var view = FeatureRowSchemas.ToDataView(_ml, features, Manifest.FeatureNames.Count);
        return _model.Transform(view).GetColumn<float>("Score").ToArray();
    }

    private List<IReadOnlyList<FeatureContribution>> Contributions(float[][] features)
    {
        var view = FeatureRowSchemas.ToDataView(_ml, features, Manifest.FeatureNames.Count);
        var columns = _contributions!.Transform(view).GetColumn<float[]>("FeatureContributions").ToArray();
        var result = new List<IReadOnlyList<FeatureContribution>>(features.Length);
        for (var r = 0; r < features.Length; r++)
        {
            var contributions = columns[r];
            result.Add(Enumerable.Range(0, contributions.Length)
                .Where(i => contributions[i] != 0)
                .OrderByDescending(i => Math.Abs(contributions[i]))
                .Select(i =>
                {
                    var name = Manifest.FeatureNames[i];
                    var description = Definitions.TryGetValue(name, out var d) ? $"{d.ChineseLabel} ({d.Description})" : name;
                    return new FeatureContribution(name, description, features[r][i], contributions[i]);
                })
                .ToArray());
        }

        return result;
    }

    private void RunCanary()
    {
        var n = Manifest.FeatureNames.Count;
        var canary = Task.Run(() => ScoreWithMlNet([new float[n], Enumerable.Repeat(0.5f, n).ToArray()]));
        if (!canary.Wait(CanaryTimeout))
        {
            throw new InvalidModelException($"The model's canary prediction did not finish within {CanaryTimeout.TotalSeconds:0} s (模型试运行超时).");
        }

        if (canary.IsFaulted || canary.Result.Length != 2 || canary.Result.Any(s => !float.IsFinite(s)))
        {
            throw new InvalidModelException("The model's canary prediction failed or was not finite (模型试运行失败).", canary.Exception);
        }

        EnableFastScoringIfVerified();
    }

    /// <summary>Switches to direct tree evaluation when it reproduces ML.NET's scores on varied rows (else ML.NET keeps scoring).</summary>
    private void EnableFastScoringIfVerified()
    {
        var fast = TreeEnsembleScorer.TryCreate(_model);
        if (fast is null)
        {
            return;
        }

        var n = Manifest.FeatureNames.Count;
        var random = new Random(7);
        var rows = Enumerable.Range(0, 256).Select(i => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 3) - 1) * (i % 4 == 0 ? 20 : 1)).ToArray()).ToArray();
        var expected = ScoreWithMlNet(rows);
        if (rows.Select(fast.Score).Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1e-4 * Math.Max(1, Math.Abs(p.Second))))
        {
            _fastScorer = fast;
        }
    }

    /// <summary>Whether scoring runs on the verified direct tree evaluator (true for FastTree models).</summary>
    internal bool UsesDirectTreeEvaluation => _fastScorer is not null;

    private static float[] ToArray(IReadOnlyList<float> features) => features as float[] ?? features.ToArray();

    private static LearnedMatchRanker LoadDefault()
    {
        if (!HasDefaultModel)
        {
            throw new InvalidModelException("This build of Quanzhou.Matching has no shipped ranking model (未包含默认模型); pass Bm25MatchRanker.Instance or load a model.");
        }

        using var modelStream = EmbeddedResources.Open(DefaultModelResource);
        using var buffer = new MemoryStream();
        modelStream.CopyTo(buffer);
        using var reader = new StreamReader(EmbeddedResources.Open(DefaultManifestResource));
        return Load(buffer.ToArray(), ModelManifest.FromJson(reader.ReadToEnd()));
    }
}
