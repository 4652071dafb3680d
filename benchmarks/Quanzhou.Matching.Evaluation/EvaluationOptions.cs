using System.Globalization;

namespace Quanzhou.Matching.EvaluationTool;

internal sealed class EvaluationOptions
{
    public string DataFolder { get; private set; } = DefaultDataFolder();

    public string Split { get; private set; } = "dev";

    public string? OutFolder { get; private set; }

    public string? TrainModelFolder { get; private set; }

    public string? ModelFolder { get; private set; }

    public bool Gate { get; private set; }

    public int CandidatePool { get; private set; } = 200;

    public static EvaluationOptions? Parse(string[] args)
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
                    case "--out": o.OutFolder = Next(); break;
                    case "--train-model": o.TrainModelFolder = Next(); break;
                    case "--model": o.ModelFolder = Next(); break;
                    case "--gate": o.Gate = true; break;
                    case "--candidates": o.CandidatePool = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "-h" or "--help":
                        Console.WriteLine("usage: --data DIR --split dev|train [--out DIR] [--train-model DIR] [--model DIR] [--gate] [--candidates N]");
                        return null;
                    default: throw new ArgumentException($"unknown argument '{args[i]}'");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"error: {ex.Message} (use --help)");
                return null;
            }
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
