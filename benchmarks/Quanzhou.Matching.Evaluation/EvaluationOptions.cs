using System.Globalization;

namespace Quanzhou.Matching.EvaluationTool;

internal sealed class EvaluationOptions
{
    public string DataFolder { get; private set; } = DefaultDataFolder();

    public string Split { get; private set; } = "dev";

    /// <summary><c>ranking</c> (default) or <c>tagging</c>.</summary>
    public string Task { get; private set; } = "ranking";

    public string? OutFolder { get; private set; }

    public string? TrainModelFolder { get; private set; }

    public string? ModelFolder { get; private set; }

    public bool Gate { get; private set; }

    /// <summary>Fit the shipped rankers' score calibration on the evaluated split (train) and print it.</summary>
    public bool FitCalibration { get; private set; }

    /// <summary>Precomputed vectors (<c>corpus.npy</c>, <c>queries.&lt;split&gt;.npy</c> and their <c>.ids.txt</c>) for the hybrid pipelines.</summary>
    public string? VectorsFolder { get; private set; }

    /// <summary>
    /// With <c>--gate</c> and <c>--vectors</c>: the <c>dense</c> pipeline's problem nDCG@10 must be within 0.01 of this
    /// value (the check that the vector path reproduces a model's known figure).
    /// </summary>
    public double? ExpectDense { get; private set; }

    /// <summary>With <c>--gate</c>: <c>hybrid</c> must not fall below <c>bm25-fused</c> on problem nDCG@10 (meaningful only when the vectors' model never saw the train queries the weight is chosen on).</summary>
    public bool GateHybrid { get; private set; }

    /// <summary>
    /// With <c>--vectors</c>: a file of train query ids (one per line) that the vectors' model never saw. The hybrid
    /// weights are chosen, and <c>learned-hybrid</c> trained, on these queries only (the ones of the trained types).
    /// </summary>
    public string? SelectOnFile { get; private set; }

    /// <summary>
    /// With <c>--vectors</c>: the share of the train queries whose judged pairs the vectors' model was trained on, when
    /// which ones is not known. Settings are then chosen on the other share, estimated as the train queries whose
    /// best-judged document the vectors score lowest (see <see cref="HybridSelection"/>).
    /// </summary>
    public double? EncoderSaw { get; private set; }

    /// <summary>With <c>--split train</c>: K-fold cross-validation, settings chosen on K−1 folds, mean ± sd over held-out folds.</summary>
    public int? Folds { get; private set; }

    /// <summary>Stop at the first bad dataset record (exit <see cref="ExitCodes.BadRecord"/>) instead of reporting and skipping it.</summary>
    public bool Strict { get; private set; }

    public int CandidatePool { get; private set; } = new MatchOptions().CandidatePoolSize;

    /// <summary>Candidates per training query (the trainer's default, 200).</summary>
    public int TrainCandidatePool { get; private set; } = new Ranking.LambdaRankTrainerOptions().CandidatePoolSize;

    /// <summary>Query types trained on. Default: problem (need-like) queries only — measured best on dev for every type.</summary>
    public string[] TrainTypes { get; private set; } = ["problem"];

    public int? Trees { get; private set; }

    public int? Leaves { get; private set; }

    public int? MinLeaf { get; private set; }

    public double? LearningRate { get; private set; }

    /// <summary>Tag corpus documents and queries with the default taxonomy tagger (keyword rules) so industry agreement feeds the learned ranking.</summary>
    public bool AutoTag { get; private set; }

    /// <summary>Up to this many self-supervised needs mined from the corpus are added to training (0, the default: none). See <see cref="PseudoNeeds"/>.</summary>
    public int PseudoNeeds { get; private set; }

    public double? FeatureFraction { get; private set; }

    public double? BaggingFraction { get; private set; }

    /// <summary>Custom ranking features (classes of this tool implementing <see cref="IRankingFeature"/>, by name) to train and evaluate with.</summary>
    public IReadOnlyList<IRankingFeature> Features { get; private set; } = [];

    /// <summary>The custom features this tool offers, by name. Add a class implementing <see cref="IRankingFeature"/> here.</summary>
    private static readonly IRankingFeature[] AvailableFeatures = [new ReviewCueFeature()];

    /// <summary>These options without an output folder (for models trained per fold, which are not kept).</summary>
    public EvaluationOptions WithoutOutput()
    {
        var copy = (EvaluationOptions)MemberwiseClone();
        copy.OutFolder = null;
        return copy;
    }

    public static EvaluationOptions? Parse(string[] args, TextWriter output, TextWriter error)
    {
        var o = new EvaluationOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--data": o.DataFolder = Next(); break;
                    case "--split": o.Split = Next(); break;
                    case "--task":
                        o.Task = Next();
                        if (o.Task is not ("ranking" or "tagging" or "hybrid-cost"))
                        {
                            throw new ArgumentException("--task must be ranking, tagging or hybrid-cost");
                        }

                        break;
                    case "--out": o.OutFolder = Next(); break;
                    case "--train-model": o.TrainModelFolder = Next(); break;
                    case "--model": o.ModelFolder = Next(); break;
                    case "--gate": o.Gate = true; break;
                    case "--fit-calibration": o.FitCalibration = true; break;
                    case "--vectors": o.VectorsFolder = Next(); break;
                    case "--expect-dense": o.ExpectDense = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--gate-hybrid": o.GateHybrid = true; break;
                    case "--select-on": o.SelectOnFile = Next(); break;
                    case "--encoder-saw":
                        o.EncoderSaw = double.Parse(Next(), CultureInfo.InvariantCulture);
                        if (o.EncoderSaw is not (>= 0 and < 1))
                        {
                            throw new ArgumentException("--encoder-saw must be a share in [0, 1), e.g. 0.75");
                        }

                        break;
                    case "--folds":
                        o.Folds = int.Parse(Next(), CultureInfo.InvariantCulture);
                        if (o.Folds is < 2 or > 20)
                        {
                            throw new ArgumentException("--folds must be between 2 and 20");
                        }

                        break;
                    case "--strict": o.Strict = true; break;
                    case "--auto-tag": o.AutoTag = true; break;
                    case "--pseudo-needs": o.PseudoNeeds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--feature-fraction": o.FeatureFraction = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--bagging-fraction": o.BaggingFraction = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--feature":
                        var name = Next();
                        o.Features = [.. o.Features, AvailableFeatures.FirstOrDefault(f => f.Name == name)
                            ?? throw new ArgumentException($"unknown feature '{name}'; available: {string.Join(", ", AvailableFeatures.Select(f => f.Name))}")];
                        break;
                    case "--candidates": o.CandidatePool = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--train-candidates": o.TrainCandidatePool = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--train-types": o.TrainTypes = Next().Split(','); break;
                    case "--trees": o.Trees = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--leaves": o.Leaves = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--min-leaf": o.MinLeaf = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--learning-rate": o.LearningRate = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "-h" or "--help":
                        output.WriteLine("usage: --data DIR [--task ranking|tagging|hybrid-cost] --split dev|train [--out DIR] [--model DIR] [--gate] [--strict] [--candidates N] [--auto-tag] [--feature NAME]...\n" +
                            "       [--fit-calibration (with --split train)] [--vectors DIR [--expect-dense X] [--gate-hybrid] [--select-on FILE | --encoder-saw X]] [--folds K (with --split train)]\n" +
                            "       [--train-model DIR [--train-types problem,title,keywords] [--train-candidates N] [--trees N] [--leaves N] [--min-leaf N] [--learning-rate X]\n" +
                            "        [--feature-fraction X] [--bagging-fraction X] [--pseudo-needs N]]");
                        return null;
                    default: throw new ArgumentException($"unknown argument '{args[i]}'");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                error.WriteLine($"error: {ex.Message} (use --help)");
                return null;
            }
        }

        if (o.Task == "hybrid-cost" && o.VectorsFolder is null)
        {
            error.WriteLine("error: --task hybrid-cost needs --vectors DIR (use --help)");
            return null;
        }

        if ((o.SelectOnFile is not null || o.EncoderSaw is not null) && o.VectorsFolder is null)
        {
            error.WriteLine("error: --select-on and --encoder-saw choose the hybrid settings: use them with --vectors DIR (use --help)");
            return null;
        }

        if (o.SelectOnFile is not null && o.EncoderSaw is not null)
        {
            error.WriteLine("error: give either --select-on FILE (the unseen queries, known) or --encoder-saw X (estimated), not both (use --help)");
            return null;
        }

        if (o.Folds is not null && o.Split != "train")
        {
            error.WriteLine("error: --folds cross-validates on the train split: use it with --split train (use --help)");
            return null;
        }

        return o;
    }

    /// <summary>../shared/data relative to the repository root (the folder holding Quanzhou.Matching.sln).</summary>
    private static string DefaultDataFolder()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quanzhou.Matching.sln")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "data");
            }
        }

        return Path.Combine("..", "shared", "data");
    }
}
