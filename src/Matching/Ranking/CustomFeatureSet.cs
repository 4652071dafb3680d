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

    /// <summary>Validates the features: non-null, valid and unique names, none a built-in name.</summary>
    /// <exception cref="ArgumentException">A feature is null or its name is invalid, repeated or built in.</exception>
    public static CustomFeatureSet Create(IReadOnlyList<IRankingFeature>? features)
    {
        if (features is null || features.Count == 0)
        {
            return Empty;
        }

        var seen = new HashSet<string>(RankingFeatures.Names, StringComparer.Ordinal);
        foreach (var feature in features)
        {
            if (feature is null)
            {
                throw new ArgumentException("A custom ranking feature is null (自定义特征不能为空).", nameof(features));
            }

            CheckName(feature.Name, nameof(features));
            if (!seen.Add(feature.Name))
            {
                throw new ArgumentException($"The custom ranking feature name '{feature.Name}' is a built-in feature or used twice (特征名重复).", nameof(features));
            }
        }

        return new CustomFeatureSet([.. features]);
    }

    /// <summary>Throws unless <paramref name="name"/> is 1–64 lower-case letters, digits or <c>_</c>.</summary>
    public static void CheckName(string? name, string parameter)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"A ranking feature name must be 1–64 lower-case letters, digits or '_' (特征名无效): '{name}'.", parameter);
        }
    }

    /// <summary>Appends the custom features to every candidate's built-in row.</summary>
    /// <exception cref="MatchingException">A custom feature threw; the feature is named and its exception is inside.</exception>
    public float[][] Extend(float[][] rows, IReadOnlyList<Candidate> candidates, string queryText, MatchDocument? queryDocument, string indexName)
    {
        if (Features.Count == 0)
        {
            return rows;
        }

        var builtIn = RankingFeatures.Names.Count;
        var extended = new float[rows.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new float[Names.Count];
            rows[i].AsSpan().CopyTo(row);
            var input = new RankingFeatureInput(queryText, queryDocument, DocumentMapper.FromLucene(candidates[i].Stored), candidates[i].Score, i + 1);
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

                row[builtIn + f] = float.IsFinite(value) ? value : 0;
            }

            extended[i] = row;
        }

        return extended;
    }

    /// <summary>Replaces a custom feature's bare name in explanations with its description.</summary>
    public RankerScore Describe(RankerScore score) =>
        _descriptions.Count == 0 || score.Contributions.Count == 0
            ? score
            : score with { Contributions = [.. score.Contributions.Select(c => _descriptions.TryGetValue(c.Name, out var d) ? c with { Description = d } : c)] };

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex NamePattern();
}
