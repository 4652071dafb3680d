using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Quanzhou.Matching.Ranking;

/// <summary>
/// Trains a LambdaRank model (ML.NET FastTree) from graded judgments. Candidates come from the same retrieval and
/// feature code as serving, so training sees exactly what the ranker will see.
/// </summary>
public sealed class LambdaRankTrainer
{
    private readonly LambdaRankTrainerOptions _options;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Settings; <see langword="null"/> for defaults.</param>
    public LambdaRankTrainer(LambdaRankTrainerOptions? options = null) => _options = options ?? new LambdaRankTrainerOptions();

    /// <summary>Trains a model: retrieves candidates for every query, labels them with the judgments (unjudged = 0), fits LambdaRank.</summary>
    /// <param name="engine">The matcher over an index holding the judged documents; its <see cref="MatchEngine.CustomFeatures"/> are trained on too and recorded in the manifest.</param>
    /// <param name="queries">The training queries.</param>
    /// <param name="judgments">Graded judgments (grades 0–4) for the queries.</param>
    /// <param name="progress">Receives the number of queries processed; optional.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <returns>The model and its manifest.</returns>
    /// <exception cref="ArgumentException">No query has a judged document among its candidates.</exception>
    /// <remarks>
    /// Candidates and features come from <see cref="MatchEngine.GetRankingInputAsync"/>, as when serving. When the
    /// engine's index has an embedding model every query is embedded too and the dense candidates join the BM25 ones;
    /// register <see cref="DenseSimilarityFeature"/> to let the model learn from the similarity. Fitting itself is
    /// CPU-bound and runs on the calling thread after the candidates are gathered.
    /// </remarks>
    public async Task<TrainedRankingModel> TrainAsync(MatchEngine engine, IEnumerable<TrainingQuery> queries, IEnumerable<Judgment> judgments, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(judgments);
        using var activity = Diagnostics.MatchingTelemetry.Source.StartActivity("train");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var grades = judgments
            .GroupBy(j => j.QueryId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(j => j.DocumentId, j => Math.Clamp(j.Grade, 0, 4), StringComparer.Ordinal), StringComparer.Ordinal);

        var rows = new List<TrainingRow>();
        var group = 0u;
        var processed = 0;
        var options = new MatchOptions { CandidatePoolSize = _options.CandidatePoolSize, IncludeExplanations = false };
        foreach (var query in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(++processed);
            if (!grades.TryGetValue(query.Id, out var judged))
            {
                continue;
            }

            var input = await engine.GetRankingInputAsync(MatchRequest.ForText(query.Text), options, cancellationToken).ConfigureAwait(false);
            var labels = input.Candidates.Select(c => judged.TryGetValue(c.Id, out var g) ? g : 0).ToArray();
            if (labels.All(l => l == 0))
            {
                continue; // no gradient from a query without a relevant candidate
            }

            group++;
            for (var i = 0; i < labels.Length; i++)
            {
                rows.Add(new TrainingRow { Label = labels[i], GroupId = group, Features = input.Candidates[i].Features as float[] ?? [.. input.Candidates[i].Features] });
            }
        }

        if (group == 0)
        {
            throw new ArgumentException("No training query has a judged document among its candidates (没有可用的训练数据).", nameof(judgments));
        }

        var model = await CalibrateAsync(Fit(rows, (int)group, engine.FeatureNames), rows, engine.FeatureNames, cancellationToken).ConfigureAwait(false);
        Diagnostics.MatchingTelemetry.TrainDuration.Record(clock.Elapsed.TotalSeconds);
        return model;
    }

    /// <summary>The ML.NET package version (e.g. <c>5.0.1</c>; its assemblies all carry the version 1.0.0.0).</summary>
    internal static string MlNetPackageVersion { get; } =
        typeof(MLContext).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private TrainedRankingModel Fit(List<TrainingRow> rows, int groups, IReadOnlyList<string> names)
    {
        var ml = new MLContext(seed: _options.Seed);
        var featureCount = names.Count;
        var data = ml.Data.LoadFromEnumerable(rows, TrainingRowSchema.Create(featureCount, groups));
        var trainerOptions = new FastTreeRankingTrainer.Options
        {
            LabelColumnName = nameof(TrainingRow.Label),
            FeatureColumnName = nameof(TrainingRow.Features),
            RowGroupColumnName = nameof(TrainingRow.GroupId),
            NumberOfTrees = _options.NumberOfTrees,
            NumberOfLeaves = _options.NumberOfLeaves,
            MinimumExampleCountPerLeaf = _options.MinimumExampleCountPerLeaf,
            LearningRate = _options.LearningRate,
            NumberOfThreads = _options.NumberOfThreads,
            Seed = _options.Seed,
            FeatureFirstUsePenalty = 0,
            FeatureFraction = _options.FeatureFraction,
            BaggingSize = _options.BaggingFraction < 1 ? 1 : 0,
            BaggingExampleFraction = _options.BaggingFraction,
        };
        var model = ml.Ranking.Trainers.FastTree(trainerOptions).Fit(data);

        byte[] bytes;
        using (var stream = new MemoryStream())
        {
            ml.Model.Save(model, FeatureRowSchemas.ToDataView(ml, [], featureCount).Schema, stream);
            bytes = stream.ToArray();
        }

        var weights = default(VBuffer<float>);
        model.Model.GetFeatureWeights(ref weights);
        var dense = weights.DenseValues().ToArray();
        var total = dense.Sum();
        var importance = names
            .Select((name, i) => (name, share: total > 0 ? dense[i] / total : 0))
            .OrderByDescending(x => x.share)
            .ToDictionary(x => x.name, x => Math.Round((double)x.share, 4));

        var manifest = new ModelManifest
        {
            Name = "learned",
            FeatureNames = names.ToArray(),
            FeatureSchemaHash = RankingFeatures.SchemaHashOf(names),
            MissingValueRule = RankingFeatures.MissingValueRule,
            Trainer = "Microsoft.ML FastTree LambdaRank",
            TrainerSettings = new Dictionary<string, string>
            {
                ["trees"] = _options.NumberOfTrees.ToString(CultureInfo.InvariantCulture),
                ["leaves"] = _options.NumberOfLeaves.ToString(CultureInfo.InvariantCulture),
                ["min_leaf"] = _options.MinimumExampleCountPerLeaf.ToString(CultureInfo.InvariantCulture),
                ["learning_rate"] = _options.LearningRate.ToString(CultureInfo.InvariantCulture),
                ["seed"] = _options.Seed.ToString(CultureInfo.InvariantCulture),
                ["feature_fraction"] = _options.FeatureFraction.ToString(CultureInfo.InvariantCulture),
                ["bagging_fraction"] = _options.BaggingFraction.ToString(CultureInfo.InvariantCulture),
                ["groups"] = groups.ToString(CultureInfo.InvariantCulture),
                ["rows"] = rows.Count.ToString(CultureInfo.InvariantCulture),
            },
            TrainingData = _options.TrainingDataDescription,
            CandidatePoolSize = _options.CandidatePoolSize,
            FeatureImportance = importance,
            MlNetVersion = MlNetPackageVersion,
            ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        return new TrainedRankingModel(bytes, manifest);
    }

    /// <summary>
    /// Fits the model's strength calibration on its own training queries (the top 20 candidates of each by the model's
    /// score; relevant = grade ≥ 2) and records it in the manifest. In-sample: on new queries strengths may read a little high.
    /// </summary>
    private static async Task<TrainedRankingModel> CalibrateAsync(TrainedRankingModel model, List<TrainingRow> rows, IReadOnlyList<string> featureNames, CancellationToken cancellationToken)
    {
        var ranker = model.ToRanker();
        var samples = new List<(double X, double Y, bool Relevant)>();
        foreach (var group in rows.GroupBy(r => r.GroupId))
        {
            var list = group.ToArray();
            var input = new RankingInput(featureNames, [.. list.Select((r, i) => new RankingCandidate(i.ToString(CultureInfo.InvariantCulture), 0, r.Features))], 0);
            var scores = await ranker.ScoreAsync(input, cancellationToken).ConfigureAwait(false);
            var best = scores.Max(s => s.Score);
            samples.AddRange(Enumerable.Range(0, list.Length).OrderByDescending(i => scores[i].Score).Take(20)
                .Select(i => (scores[i].Score - best, best, list[i].Label >= 2)));
        }

        if (samples.Count < 3 || samples.All(s => s.Item3) || !samples.Any(s => s.Item3))
        {
            return model; // nothing to fit: no strength rather than a meaningless one
        }

        var fit = ScoreCalibration.Fit(samples, difference: true);
        return model with { Manifest = model.Manifest with { Calibration = new StrengthCalibration(fit.A, fit.B, fit.C) } };
    }
}
