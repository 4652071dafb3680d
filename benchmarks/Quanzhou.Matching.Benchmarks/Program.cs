// Quanzhou.Matching speed benchmarks.
//   dotnet run -c Release --project benchmarks/Quanzhou.Matching.Benchmarks -- --filter '*'      BenchmarkDotNet suite
//   dotnet run -c Release --project benchmarks/Quanzhou.Matching.Benchmarks -- --scale --corpus FILE.jsonl --queries FILE.tsv --docs N --out DIR
//   dotnet run -c Release --project benchmarks/Quanzhou.Matching.Benchmarks -- --retrieval-profile --index DIR [--queries FILE.tsv] [--sample 100]
//   dotnet run -c Release --project benchmarks/Quanzhou.Matching.Benchmarks -- --ann-recall --docs 1000000 --dims 256
// See benchmarks/README.md for what each measures and the committed results.
using System.Globalization;
using BenchmarkDotNet.Running;
using Quanzhou.Matching.Benchmarks.Micro;
using Quanzhou.Matching.Benchmarks.Scale;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Contains(ServeRunner.Flag))
{
    return await ServeRunner.RunAsync(args);
}

if (args.Contains(AnnRecall.Flag))
{
    // Approximate (HNSW) against exact dense search: --ann-recall [--docs N] [--dims D] [--queries Q] [--out FILE]
    return AnnRecall.Run(args);
}

if (args.Contains("--retrieval-profile"))
{
    // Stage profile of retrieval on an existing library index: --retrieval-profile --index DIR [--queries FILE] [--sample 100]
    return await RetrievalProfile.RunCommandAsync(args);
}

if (args.Contains("--scale"))
{
    ScaleOptions options;
    try
    {
        options = ScaleOptions.Parse(args);
    }
    catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or FormatException)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }

    return await ScaleRunner.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(SuiteConfig).Assembly).Run(args, new SuiteConfig());
return 0;
