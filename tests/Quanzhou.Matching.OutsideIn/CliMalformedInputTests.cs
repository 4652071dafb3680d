using System.Text;
using System.Text.Json;
using Quanzhou.Matching.Indexing;

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// The packed CLI tool (extracted from its .nupkg and run with <c>dotnet quanzhou-match.dll</c>) fed generated files with
/// one defect at a random line: strict mode exits 3, names file:line and writes nothing; --skip-invalid keeps the good
/// records and not the bad one.
/// </summary>
public sealed class CliMalformedInputTests : IDisposable
{
    private const int InvalidInput = 3;
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(2);
    private readonly string _work = Directory.CreateTempSubdirectory("qzm-outside-cli-case-").FullName;

    public enum Defect
    {
        CsvUnbalancedQuote,
        JsonlInvalidUtf8,
        CsvInvalidUtf8,
        JsonNumberForString,
        CsvUnknownColumn,
        DuplicateIds,
    }

    public static TheoryData<Defect, int, bool> Cases()
    {
        var data = new TheoryData<Defect, int, bool>();
        foreach (var defect in Enum.GetValues<Defect>())
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                data.Add(defect, seed, false);
            }

            if (defect != Defect.CsvUnknownColumn)
            {
                data.Add(defect, 4, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedInput_StrictExits3NamingFileLineAndWritesNothing_SkipInvalidKeepsGoodRecords(Defect defect, int seed, bool skipInvalid)
    {
        var input = Generate(defect, seed);
        var file = Path.Combine(_work, input.FileName);
        await File.WriteAllBytesAsync(file, input.Bytes);
        var folder = Path.Combine(_work, "index");
        await SeedIndexAsync(folder);

        List<string> arguments = [PackedPackages.CliDll, "index", file, "--index", folder];
        if (skipInvalid)
        {
            arguments.Add("--skip-invalid");
        }

        var run = await ChildProcess.RunAsync(arguments, CliTimeout);
        var context = $"{defect} seed {seed} (bad line {input.BadLine}){(skipInvalid ? " --skip-invalid" : string.Empty)}; exit {run.ExitCode}; output:\n{run.All}\ninput:\n{Encoding.UTF8.GetString(input.Bytes)}";

        using var index = LuceneMatchIndex.Open(folder);
        if (!skipInvalid)
        {
            Assert.True(run.ExitCode == InvalidInput, $"expected exit {InvalidInput}: {context}");
            Assert.True(run.All.Contains($"{input.FileName}:{input.BadLine}", StringComparison.Ordinal), $"expected the error to name {input.FileName}:{input.BadLine}: {context}");
            Assert.True((await index.GetStatisticsForAllTenantsAsync()).TotalDocuments == SeedCount, $"strict mode wrote to the index: {context}");
            foreach (var id in input.BadId is { } badId ? input.GoodIds.Append(badId) : input.GoodIds)
            {
                Assert.True(await index.GetAsync(id, MatchDocument.DefaultTenant) is null, $"strict mode wrote {id}: {context}");
            }
        }
        else
        {
            foreach (var id in input.GoodIds)
            {
                Assert.True(await index.GetAsync(id, MatchDocument.DefaultTenant) is not null, $"good record {id} was not kept: {context}");
            }

            if (input.BadId is { } bad && defect != Defect.DuplicateIds)
            {
                Assert.True(await index.GetAsync(bad, MatchDocument.DefaultTenant) is null, $"the bad record {bad} was indexed: {context}");
            }
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private const int SeedCount = 3;

    private static async Task SeedIndexAsync(string folder)
    {
        var corpus = new Corpus(3);
        using var index = LuceneMatchIndex.Open(folder);
        await index.UpsertManyAsync(Enumerable.Range(0, SeedCount).Select(i => corpus.Achievement($"seeded-{i}", MatchDocument.DefaultTenant, Visibility.Public)));
    }

    private sealed record Input(string FileName, byte[] Bytes, int BadLine, string? BadId, IReadOnlyList<string> GoodIds);

    private static Input Generate(Defect defect, int seed)
    {
        var corpus = new Corpus(seed * 31 + (int)defect);
        var count = 5 + corpus.Random.Next(10);
        var bad = corpus.Random.Next(count);
        var csv = defect is Defect.CsvUnbalancedQuote or Defect.CsvInvalidUtf8 or Defect.CsvUnknownColumn;
        var records = Enumerable.Range(0, count).Select(i => (Id: $"rec-{seed}-{i}", Title: corpus.Text(3) + "技术", Description: corpus.Text(10))).ToArray();
        var lines = new List<byte[]>();
        string[] header = ["kind", "id", "title", "description"];
        if (defect == Defect.CsvUnknownColumn)
        {
            var h = header.ToList();
            h.Insert(corpus.Random.Next(h.Count + 1), "colour");
            header = [.. h];
        }

        if (csv)
        {
            lines.Add(Encoding.UTF8.GetBytes(string.Join(",", header)));
        }

        var duplicateOf = defect == Defect.DuplicateIds ? corpus.Random.Next(Math.Max(1, bad)) : -1;
        if (defect == Defect.DuplicateIds && bad == 0)
        {
            bad = 1 + corpus.Random.Next(count - 1);
        }

        for (var i = 0; i < count; i++)
        {
            var (id, title, description) = records[i];
            if (defect == Defect.DuplicateIds && i == bad)
            {
                id = records[duplicateOf].Id;
            }

            if (csv)
            {
                var values = header.Select(c => c switch
                {
                    "kind" => "achievement",
                    "id" => id,
                    "title" => i == bad && defect == Defect.CsvUnbalancedQuote ? $"\"{title}" : title,
                    "description" => description,
                    _ => "蓝",
                });
                var text = string.Join(",", values);
                lines.Add(i == bad && defect == Defect.CsvInvalidUtf8 ? InsertInvalidUtf8(text, corpus.Random) : Encoding.UTF8.GetBytes(text));
            }
            else
            {
                var fields = new Dictionary<string, object> { ["kind"] = "achievement", ["id"] = id, ["title"] = title, ["description"] = description, ["region"] = "泉州", ["organization"] = "机构" };
                if (i == bad && defect == Defect.JsonNumberForString)
                {
                    fields[corpus.Pick(["title", "description", "region", "organization"])] = 12345 + corpus.Random.Next(1000);
                }

                var text = JsonSerializer.Serialize(fields, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                lines.Add(i == bad && defect == Defect.JsonlInvalidUtf8 ? InsertInvalidUtf8(text, corpus.Random) : Encoding.UTF8.GetBytes(text));
            }
        }

        var bytes = lines.SelectMany(l => l.Concat("\n"u8.ToArray())).ToArray();
        var badLine = defect == Defect.CsvUnknownColumn ? 1 : bad + 1 + (csv ? 1 : 0);
        var badId = defect == Defect.CsvUnknownColumn ? null : records[bad].Id;
        var good = defect switch
        {
            Defect.CsvUnknownColumn => [],
            // After an unbalanced quote a reader may not find where the next record starts: only the earlier ones are surely good.
            Defect.CsvUnbalancedQuote => records.Take(bad).Select(r => r.Id).ToArray(),
            Defect.DuplicateIds => records.Where((r, i) => i != bad && i != duplicateOf).Select(r => r.Id).ToArray(),
            _ => records.Where((_, i) => i != bad).Select(r => r.Id).ToArray(),
        };
        return new Input($"input-{defect}-{seed}.{(csv ? "csv" : "jsonl")}", bytes, badLine, badId, good);
    }

    /// <summary>Bytes that are not UTF-8 (a lone continuation byte, an overlong lead, 0xFF) inside the title.</summary>
    private static byte[] InsertInvalidUtf8(string text, Random random)
    {
        byte[][] invalid = [[0xFF], [0xC3, 0x28], [0x80], [0xF0, 0x28, 0x8C, 0xBC], [0xC0, 0xAF]];
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        var at = Encoding.UTF8.GetByteCount(text[..(text.IndexOf("技术", StringComparison.Ordinal))]);
        bytes.InsertRange(at, invalid[random.Next(invalid.Length)]);
        return [.. bytes];
    }
}
