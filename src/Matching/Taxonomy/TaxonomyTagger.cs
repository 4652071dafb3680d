using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Taxonomy;

/// <summary>
/// Assigns taxonomy tags with confidence to needs, achievements and experts from their text: the taxonomy's keywords,
/// synonyms and names found in the text, combined (when given) with a trained <see cref="TextCategoryClassifier"/> whose
/// labels are taxonomy ids.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class TaxonomyTagger
{
    private readonly IndustryTaxonomy _taxonomy;
    private readonly TextCategoryClassifier? _classifier;

    /// <summary>Creates a tagger.</summary>
    /// <param name="taxonomy">The taxonomy; <see langword="null"/> for <see cref="IndustryTaxonomy.Default"/>.</param>
    /// <param name="classifier">A classifier trained on taxonomy ids; optional.</param>
    public TaxonomyTagger(IndustryTaxonomy? taxonomy = null, TextCategoryClassifier? classifier = null)
    {
        _taxonomy = taxonomy ?? IndustryTaxonomy.Default;
        _classifier = classifier;
    }

    /// <summary>Tags a document from its title, keywords and description.</summary>
    /// <param name="document">The document.</param>
    /// <param name="max">Most tags to return.</param>
    /// <returns>Tags, most confident first.</returns>
    public IReadOnlyList<TagSuggestion> TagDocument(MatchDocument document, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Tag(document.GetSearchText(), max);
    }

    /// <summary>Tags a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">Most tags to return (1–50).</param>
    /// <returns>Tags, most confident first; empty when nothing matches.</returns>
    public IReadOnlyList<TagSuggestion> Tag(string text, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 50);
        var normalized = ChineseTextNormalizer.Default.Normalize(text);
        var scores = new Dictionary<string, (double Score, List<string> Evidence)>(StringComparer.Ordinal);
        foreach (var node in _taxonomy.Nodes)
        {
            var evidence = node.Keywords.Concat(node.Synonyms).Append(ChineseTextNormalizer.Default.Normalize(node.Name))
                .Where(k => k.Length >= 2 && normalized.Contains(k, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (evidence.Count > 0)
            {
                // Longer, more specific terms count more; sub-field evidence also supports its cluster.
                var score = evidence.Sum(k => 1 + (k.Length / 4.0));
                Add(scores, node.Id, score, evidence);
                if (node.ParentId is not null)
                {
                    Add(scores, _taxonomy.ClusterOf(node.Id).Id, score * 0.5, evidence);
                }
            }
        }

        var keywordConfidence = scores.ToDictionary(kv => kv.Key, kv => kv.Value.Score / (kv.Value.Score + 2.0), StringComparer.Ordinal);
        var combined = new Dictionary<string, double>(keywordConfidence, StringComparer.Ordinal);
        if (_classifier is not null)
        {
            foreach (var p in _classifier.Predict(text, top: 5))
            {
                combined[p.TagId] = (0.5 * keywordConfidence.GetValueOrDefault(p.TagId)) + (0.5 * p.Confidence);
            }
        }

        return combined
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(max)
            .Select(kv => new TagSuggestion(
                kv.Key,
                _taxonomy.Find(kv.Key)?.Name ?? kv.Key,
                Math.Round(kv.Value, 4),
                scores.TryGetValue(kv.Key, out var s) ? s.Evidence : ["classifier"]))
            .ToArray();
    }

    private static void Add(Dictionary<string, (double Score, List<string> Evidence)> scores, string id, double score, List<string> evidence)
    {
        var current = scores.GetValueOrDefault(id, (0, []));
        current.Evidence.AddRange(evidence.Where(e => !current.Evidence.Contains(e)));
        scores[id] = (current.Score + score, current.Evidence);
    }
}
