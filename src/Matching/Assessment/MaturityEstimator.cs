using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Assessment;

/// <summary>
/// Estimates an achievement's maturity stage (实验室 / 小试 / 中试 / 产业化) and TRL band from its text, with a confidence and
/// the phrases that support it. Rules plus a model, documented as an estimate.
/// </summary>
/// <remarks>
/// <para>
/// Rules: cue phrases in the versioned resource <c>Assessment/Resources/maturity-cues.txt</c> (e.g. 完成小试, 已建成中试线,
/// 实现量产, 年产…吨, 样机, 示范应用, 授权发明专利), each with a stage and a weight (1 weak, 2 medium, 3 strong). A cue
/// preceded in its clause by a negation or intention (尚未, 计划, 寻求, 正在 …) is ignored. A stage's evidence is the sum of
/// its cues' weights.
/// </para>
/// <para>
/// Model: an ML.NET SDCA maximum-entropy classifier over SmartCn word 1–2-grams of the text plus one token per cue hit,
/// trained at first use of <see cref="Default"/> on an embedded labelled seed set (<c>maturity-seed.jsonl</c>: the demo
/// corpus's achievements with their declared maturity, plus a few hand-written examples), or on your examples with
/// <see cref="Train"/>.
/// </para>
/// <para>
/// Combination: when some stage has strong evidence (≥ 3), the <b>highest</b> such stage wins (texts narrate their history:
/// 完成小试后建成中试线 is at 中试), with confidence max(0.9, p) when the model's top stage agrees and 0.6 + 0.3·p otherwise
/// (p: the model's probability of that stage). Otherwise each stage's model probability is multiplied by
/// 1 + 0.5·evidence, renormalised, and the top stage is returned with its probability as confidence.
/// </para>
/// <para>Thread-safe: every call scores its own batch through <see cref="ITransformer.Transform"/>.</para>
/// </remarks>
public sealed class MaturityEstimator
{
    /// <summary>The stages, lowest first.</summary>
    internal static readonly string[] Stages = ["实验室", "小试", "中试", "产业化"];

    private const int StrongEvidence = 3;
    private static readonly Lazy<CueRuleSet> Rules = new(() => CueRuleSet.Load("Quanzhou.Matching.Assessment.maturity-cues.txt", Stages));
    private static readonly Lazy<MaturityEstimator> DefaultInstance = new(() => Train(SeedExamples().Select(e => (e.Text, Maturity.Parse(e.Stage)))));

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SmartCnTextAnalyzer _analyzer;
    private readonly string[] _labels;

    private MaturityEstimator(MLContext ml, ITransformer model, SmartCnTextAnalyzer analyzer)
    {
        _ml = ml;
        _model = model;
        _analyzer = analyzer;
        _labels = Taxonomy.ClassifierLabels.Of<Row>(ml, model);
    }

    /// <summary>An estimator trained on the embedded seed set (trained at first use, about a second).</summary>
    public static MaturityEstimator Default => DefaultInstance.Value;

    /// <summary>The version of the cue rules file in use.</summary>
    public static string RulesVersion => Rules.Value.Version;

    /// <summary>Trains an estimator's model on labelled texts; the cue rules are the shipped ones.</summary>
    /// <param name="examples">Texts with their known maturity (its <see cref="Maturity.Stage"/> is the label); at least two stages must occur.</param>
    /// <param name="analyzer">The analyzer; <see langword="null"/> for <see cref="SmartCnTextAnalyzer.Default"/>.</param>
    /// <param name="seed">Random seed (training is deterministic for a seed).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">Fewer than two stages occur.</exception>
    public static MaturityEstimator Train(IEnumerable<(string Text, Maturity Maturity)> examples, SmartCnTextAnalyzer? analyzer = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        analyzer ??= SmartCnTextAnalyzer.Default;
        var rows = examples
            .Where(e => !string.IsNullOrWhiteSpace(e.Text) && e.Maturity.Level > 0)
            .Select(e => new Row { Text = Features(analyzer, analyzer.Normalize(e.Text), out _), Label = e.Maturity.Stage })
            .ToList();
        if (rows.Select(r => r.Label).Distinct().Count() < 2)
        {
            throw new ArgumentException("Training needs examples of at least two stages (至少需要两个成熟度阶段).", nameof(examples));
        }

        var ml = new MLContext(seed);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = null,
                CaseMode = TextNormalizingEstimator.CaseMode.None,
                KeepPunctuations = false,
            }, nameof(Row.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Features", l2Regularization: 1e-4f, maximumNumberOfIterations: 100))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return new MaturityEstimator(ml, pipeline.Fit(ml.Data.LoadFromEnumerable(rows)), analyzer);
    }

    /// <summary>Estimates the maturity of an achievement (its title, keywords and description; a declared maturity is ignored).</summary>
    /// <param name="document">The achievement (or any document).</param>
    /// <returns>The estimate.</returns>
    public MaturityEstimate Estimate(MatchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Estimate(document.GetSearchText());
    }

    /// <summary>Estimates the maturity described by a text.</summary>
    /// <param name="text">The text, e.g. an achievement's description.</param>
    /// <returns>The estimate.</returns>
    public MaturityEstimate Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EstimateMany([text])[0];
    }

    /// <summary>Estimates many texts as one batch.</summary>
    /// <param name="texts">The texts.</param>
    /// <returns>One estimate per text, in order.</returns>
    public IReadOnlyList<MaturityEstimate> EstimateMany(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var hits = new List<CueHit>[texts.Count];
        var rows = new Row[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(texts[i], nameof(texts));
            rows[i] = new Row { Text = Features(_analyzer, _analyzer.Normalize(texts[i]), out hits[i]), Label = string.Empty };
        }

        var scores = _model.Transform(_ml.Data.LoadFromEnumerable(rows)).GetColumn<float[]>("Score").ToArray();
        return scores.Select((s, i) => Combine(ModelProbabilities(s), hits[i])).ToArray();
    }

    /// <summary>The model's stage alone (no rules), for measuring what each part contributes.</summary>
    internal string PredictModelOnly(string text)
    {
        var row = new Row { Text = Features(_analyzer, _analyzer.Normalize(text), out _), Label = string.Empty };
        var scores = _model.Transform(_ml.Data.LoadFromEnumerable([row])).GetColumn<float[]>("Score").First();
        var p = ModelProbabilities(scores);
        return Stages.OrderByDescending(s => p[s]).First();
    }

    /// <summary>The embedded labelled seed set: id, text and stage.</summary>
    internal static IReadOnlyList<(string Id, string Text, string Stage)> SeedExamples()
    {
        var list = new List<(string, string, string)>();
        foreach (var line in EmbeddedResources.ReadLines("Quanzhou.Matching.Assessment.maturity-seed.jsonl"))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            list.Add((e.GetProperty("id").GetString()!, e.GetProperty("text").GetString()!, e.GetProperty("stage").GetString()!));
        }

        return list;
    }

    private Dictionary<string, double> ModelProbabilities(float[] scores)
    {
        var p = Stages.ToDictionary(s => s, _ => 0.0, StringComparer.Ordinal);
        for (var j = 0; j < _labels.Length; j++)
        {
            p[_labels[j]] = scores[j];
        }

        return p;
    }

    private static MaturityEstimate Combine(Dictionary<string, double> model, List<CueHit> hits)
    {
        var evidence = Stages.ToDictionary(s => s, s => hits.Where(h => h.Label == s).Sum(h => h.Weight), StringComparer.Ordinal);
        var modelTop = Stages.OrderByDescending(s => model[s]).First();
        var strong = Stages.LastOrDefault(s => evidence[s] >= StrongEvidence);
        string stage;
        double confidence;
        string method;
        Dictionary<string, double> probabilities;
        if (strong is not null)
        {
            stage = strong;
            confidence = modelTop == strong ? Math.Max(0.9, model[strong]) : 0.6 + (0.3 * model[strong]);
            method = "rules";

            // Report a distribution consistent with the decision: the chosen stage gets the confidence, the rest share the remainder by model probability.
            var rest = Stages.Where(s => s != stage).Sum(s => model[s]);
            probabilities = Stages.ToDictionary(
                s => s,
                s => s == stage ? confidence : rest <= 0 ? (1 - confidence) / 3 : (1 - confidence) * model[s] / rest,
                StringComparer.Ordinal);
        }
        else
        {
            var combined = Stages.ToDictionary(s => s, s => model[s] * (1 + (0.5 * evidence[s])), StringComparer.Ordinal);
            var total = combined.Values.Sum();
            probabilities = Stages.ToDictionary(s => s, s => total <= 0 ? 0.25 : combined[s] / total, StringComparer.Ordinal);
            stage = Stages.OrderByDescending(s => probabilities[s]).First();
            confidence = probabilities[stage];
            method = "model";
        }

        var maturity = Maturity.Parse(stage);
        var (min, max) = stage switch
        {
            "实验室" => (1, 3),
            "小试" => (4, 5),
            "中试" => (6, 7),
            _ => (8, 9),
        };
        var phrases = hits.Where(h => h.Label == stage).OrderByDescending(h => h.Weight).ThenBy(h => h.Offset).Select(h => h.Phrase).Distinct(StringComparer.Ordinal).ToArray();
        return new MaturityEstimate(maturity, min, max, Math.Round(confidence, 4), phrases, method, probabilities.ToDictionary(p => p.Key, p => Math.Round(p.Value, 4), StringComparer.Ordinal));
    }

    /// <summary>The model's input: SmartCn words plus one token per cue hit (the feature definition shared by training and scoring).</summary>
    private static string Features(SmartCnTextAnalyzer analyzer, string normalized, out List<CueHit> hits)
    {
        hits = Rules.Value.Find(normalized);
        var words = analyzer.AnalyzeWordsNormalized(normalized).Select(t => t.Term);
        var cues = hits.Select(h => $"cue{Array.IndexOf(Stages, h.Label)}w{h.Weight}");
        return string.Join(' ', words.Concat(cues));
    }

    private sealed class Row
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }
}
