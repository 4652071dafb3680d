namespace Quanzhou.Matching.Ranking;

/// <summary>A trained model file with its manifest.</summary>
/// <param name="Model">The model file's bytes (an ML.NET zip).</param>
/// <param name="Manifest">The manifest (with the model's SHA-256).</param>
public sealed record TrainedRankingModel(byte[] Model, ModelManifest Manifest)
{
    /// <summary>The model file name the trainer writes.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>The manifest file name the trainer writes.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>Writes <c>model.zip</c> and <c>manifest.json</c> into a folder (written to temporary files, then moved, so a crash leaves no half file).</summary>
    /// <param name="directory">The folder; created when missing.</param>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, ModelFileName), Model);
        WriteAtomically(Path.Combine(directory, ManifestFileName), System.Text.Encoding.UTF8.GetBytes(Manifest.ToJson()));
    }

    /// <summary>Creates a ranker from this model (verifying it like any other load).</summary>
    /// <returns>The ranker.</returns>
    public LearnedMatchRanker ToRanker() => LearnedMatchRanker.Load(Model, Manifest);

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
