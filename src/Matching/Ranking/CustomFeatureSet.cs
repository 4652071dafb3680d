using System.Text.RegularExpressions;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Ranking;

/// <summary>The host's <see cref="IRankingFeature"/>s, validated, and the full feature schema they extend (built-ins first).</summary>
internal sealed partial class CustomFeatureSet
{
    public static readonly CustomFeatureSet Empty = new([]);

    private readonly Dictionary<string, string> _descriptions;

    private CustomFeatureSet(IRankingFeature[] features)
    {
        Features = features;
        Names = [.. RankingFeatures.Names, .. features.Select(f => f.Name)];
        _descriptions = features.ToDictionary(f => f.Name, f => f.Description, StringComparer.Ordinal);
    }

    public IReadOnlyList<IRankingFeature> Features { get; }

    /// <summary>Built-in feature names followed by the custom ones: the schema a model trained on this set records.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Validates the features: non-null, with valid names, none repeated or built in.</summary>
    /// <exception cref="ArgumentException">A feature is null or its name is invalid, repeated or built in.</exception>
    public static CustomFeatureSet Create(IReadOnlyList<IRankingFeature>? features)
    {
        if (features is null || features.Count == 0)
        {
            return Empty;
        }

        if (features.Any(f => f is null))
        {
            throw new ArgumentException("A custom ranking feature is null (自定义特征不能为空).", nameof(features));
        }

        CheckNames(features.Select(f => f.Name), nameof(features));
        return new CustomFeatureSet([.. features]);
    }

    /// <summary>Throws unless every name is 1–64 lower-case letters, digits or <c>_</c>, and none is repeated or a built-in name.</summary>
    /// <exception cref="ArgumentException">A name is invalid, repeated or built in.</exception>
    public static void CheckNames(IEnumerable<string?> names, string parameter)
    {
        var seen = new HashSet<string>(RankingFeatures.Names, StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (name is null || !NamePattern().IsMatch(name))
            {
                throw new ArgumentException($"A ranking feature name must be 1–64 lower-case letters, digits or '_' (特征名无效): '{name}'.", parameter);
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The custom ranking feature name '{name}' is a built-in feature or used twice (特征名重复).", parameter);
            }
        }
    }

    /// <summary>
    /// The features a ranker needs, taken by name from <paramref name="available"/> in the model's order: none for a
    /// ranker without custom features (BM25, the shipped model).
    /// </summary>
    /// <exception cref="InvalidModelException">The model needs a custom feature that is not available.</exception>
    public static IRankingFeature[] For(IMatchRanker ranker, IEnumerable<IRankingFeature>? available) =>
        ranker.GetService(typeof(LearnedMatchRanker)) is LearnedMatchRanker { CustomFeatureNames.Count: > 0 } learned
            ? [.. learned.CustomFeatureNames.Select(name => available?.FirstOrDefault(f => f?.Name == name)
                ?? throw new InvalidModelException($"The model needs the custom ranking feature '{name}', but no IRankingFeature with that name is registered (未注册模型所需的自定义特征)."))]
            : [];

    /// <summary>Computes the custom features into the trailing slots of every candidate's row (rows from <see cref="RankingFeatures.Compute"/> with room for them).</summary>
    /// <exception cref="MatchingException">A custom feature threw; the feature is named and its exception is inside.</exception>
    public void Fill(float[][] rows, IReadOnlyList<Candidate> candidates, string queryText, MatchDocument? queryDocument, string indexName)
    {
        if (Features.Count == 0)
        {
            return;
        }

        var builtIn = RankingFeatures.Names.Count;
        for (var i = 0; i < rows.Length; i++)
        {
            var input = new RankingFeatureInput(queryText, queryDocument, candidates[i].Stored.Document, candidates[i].Score, i + 1) { DenseSimilarity = candidates[i].Dense };
            for (var f = 0; f < Features.Count; f++)
            {
                float value;
                try
                {
                    value = Features[f].Compute(input);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new MatchingException($"The custom ranking feature '{Features[f].Name}' failed (自定义特征计算失败): {ex.Message}", "features", indexName, ex);
                }

                rows[i][builtIn + f] = float.IsFinite(value) ? value : 0;
            }
        }
    }

    /// <summary>Replaces a custom feature's bare name in explanations with its description.</summary>
    public RankerScore Describe(RankerScore score) =>
        _descriptions.Count == 0 || score.Contributions.Count == 0
            ? score
            : score with { Contributions = [.. score.Contributions.Select(c => _descriptions.TryGetValue(c.Name, out var d) ? c with { Description = d } : c)] };

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex NamePattern();
}
