using System.Diagnostics;
using System.Text.Json.Nodes;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Taxonomy;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// <c>--task tagging</c>: trains the tagger's text classifier on 80% of the labelled documents and reports accuracy and
/// macro-F1 on the other 20% for the <c>category</c> and <c>discipline</c> labels. The split is a stable hash of the id.
/// </summary>
internal static class TaggingTask
{
    public static JsonObject Run(EvaluationDataset dataset, SkippedRecords skipped, TextWriter output)
    {
        var documents = skipped.Read("corpus.jsonl", dataset.ReadCorpus);
        var result = new JsonObject();
        foreach (var label in new[] { "category", "discipline" })
        {
            var labelled = documents.Where(d => d.Attributes.ContainsKey(label)).ToList();
            var train = labelled.Where(d => !IsTest(d.Id)).ToList();
            var test = labelled.Where(d => IsTest(d.Id)).ToList();
            var clock = Stopwatch.StartNew();
            var classifier = TextCategoryClassifier.Train(train.Select(d => (d.GetSearchText(), d.Attributes[label])));
            var trainSeconds = clock.Elapsed.TotalSeconds;
            var predicted = classifier.PredictMany(test.Select(d => d.GetSearchText()).ToArray(), top: 1).Select(p => p[0].TagId).ToArray();
            var actual = test.Select(d => d.Attributes[label]).ToArray();
            var accuracy = actual.Zip(predicted).Count(p => p.First == p.Second) / (double)Math.Max(1, actual.Length);
            var macroF1 = MacroF1(actual, predicted);
            var classes = labelled.Select(d => d.Attributes[label]).Distinct().Count();
            output.WriteLine($"tagging {label,-10} classes {classes,3}  train {train.Count,6}  test {test.Count,5}  accuracy {accuracy:0.0000}  macro-F1 {macroF1:0.0000}  (trained in {trainSeconds:0.0} s)");
            result[label] = new JsonObject
            {
                ["classes"] = classes,
                ["train"] = train.Count,
                ["test"] = test.Count,
                ["accuracy"] = Math.Round(accuracy, 4),
                ["macro_f1"] = Math.Round(macroF1, 4),
                ["train_seconds"] = Math.Round(trainSeconds, 1),
            };
        }

        return result;
    }

    /// <summary>A stable 80/20 split: FNV-1a of the id, 20% to test.</summary>
    internal static bool IsTest(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % 5 == 0;
    }

    internal static double MacroF1(IReadOnlyList<string> actual, IReadOnlyList<string> predicted)
    {
        var labels = actual.Concat(predicted).Distinct().ToArray();
        var f1s = labels.Select(l =>
        {
            var tp = actual.Zip(predicted).Count(p => p.First == l && p.Second == l);
            var fp = actual.Zip(predicted).Count(p => p.First != l && p.Second == l);
            var fn = actual.Zip(predicted).Count(p => p.First == l && p.Second != l);
            return tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
        });
        return labels.Length == 0 ? 0 : f1s.Average();
    }
}
