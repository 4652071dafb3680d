using Microsoft.Extensions.Options;

namespace Quanzhou.Matching.DependencyInjection;

/// <summary>Validates <see cref="QuanzhouMatchingOptions"/> at start-up and reports every invalid setting in one message.</summary>
internal sealed class QuanzhouMatchingOptionsValidator : IValidateOptions<QuanzhouMatchingOptions>
{
    private static readonly string[] Rankers = ["learned", "bm25"];

    public ValidateOptionsResult Validate(string? name, QuanzhouMatchingOptions options)
    {
        var errors = new List<string>();
        var prefix = QuanzhouMatchingOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.DefaultIndex))
        {
            errors.Add($"{prefix}:DefaultIndex is empty.");
        }
        else if (options.Indexes.Count > 0 && !options.Indexes.ContainsKey(options.DefaultIndex))
        {
            errors.Add($"{prefix}:DefaultIndex '{options.DefaultIndex}' is not one of the configured indexes ({string.Join(", ", options.Indexes.Keys)}).");
        }

        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (indexName, s) in options.Indexes)
        {
            var key = $"{prefix}:Indexes:{indexName}";
            if (s is null)
            {
                errors.Add($"{key} is empty.");
                continue;
            }

            if (!Rankers.Contains(s.Ranker, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{key}:Ranker '{s.Ranker}' is not one of: {string.Join(", ", Rankers)}.");
            }

            if (s.ModelDirectory is { Length: > 0 } model
                && !(File.Exists(Path.Combine(model, Ranking.TrainedRankingModel.ModelFileName)) && File.Exists(Path.Combine(model, Ranking.TrainedRankingModel.ManifestFileName))))
            {
                errors.Add($"{key}:ModelDirectory '{model}' must hold model.zip and manifest.json.");
            }

            if (s.LexiconPath is { Length: > 0 } lexicon && !File.Exists(lexicon))
            {
                errors.Add($"{key}:LexiconPath '{lexicon}' does not exist.");
            }

            if (s.IndexingThreads is < 1 or > 256)
            {
                errors.Add($"{key}:IndexingThreads {s.IndexingThreads} must be between 1 and 256.");
            }

            if (s.SearchThreadsPerQuery is < 1 or > 256)
            {
                errors.Add($"{key}:SearchThreadsPerQuery {s.SearchThreadsPerQuery} must be between 1 and 256.");
            }

            if (s.RamBufferSizeMb is < 1 or > 4096 || double.IsNaN(s.RamBufferSizeMb))
            {
                errors.Add($"{key}:RamBufferSizeMb {s.RamBufferSizeMb} must be between 1 and 4096.");
            }

            if (s.Path is { Length: > 0 } path)
            {
                var full = Path.GetFullPath(path);
                if (File.Exists(full))
                {
                    errors.Add($"{key}:Path '{path}' is a file, not a folder.");
                }
                else if (paths.TryGetValue(full, out var other))
                {
                    errors.Add($"{key}:Path '{path}' is also used by index '{other}'; each index needs its own folder.");
                }
                else
                {
                    paths[full] = indexName;
                }
            }
        }

        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Invalid Quanzhou.Matching configuration (配置无效): {string.Join(" ", errors)}");
    }
}
