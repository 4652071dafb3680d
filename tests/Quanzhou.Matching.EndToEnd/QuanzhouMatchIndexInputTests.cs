using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quanzhou.Matching.EndToEnd;

/// <summary>
/// <c>quanzhou-match index</c> never loses a record quietly: generated defects (an unbalanced quote, a non-UTF-8 byte, a
/// wrong JSON type, an unknown CSV column, a repeated id) at seeded random places must each be reported at exactly their
/// <c>file:line</c>, with exit code 3 and nothing written. Many files go into one run to keep the process count low.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class QuanzhouMatchIndexInputTests : IDisposable
{
    private const string CsvHeader = "kind,id,title,description,keywords,priceMin";

    private static readonly byte[] Gbk = [0xB2, 0xE2, 0xCA, 0xD4]; // "测试" in GBK

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("qzm-input-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Index_UnbalancedQuotesAtRandomPlaces_EachReportedAtItsLineAndNothingWritten()
    {
        var random = new Random(20240601);
        var files = new List<string>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < 15; f++)
        {
            // An opened quote pairs with the next quote in the file; a line break inside a later legal quoted field could then
            // end the swallowed record early and make a second (genuine) error, so those files keep every row on one line.
            var mode = f % 3;
            var (lines, _) = CsvRows(random, $"q{f}", random.Next(4, 12), multiline: mode != 0);
            var row = random.Next(1, lines.Count); // not the header
            lines[row] = mode switch
            {
                0 => lines[row].Replace(",标题", ",\"标题", StringComparison.Ordinal),   // opened, never closed (or closed by a later field's quote)
                1 => lines[row].Replace(",标题", ",标\"题", StringComparison.Ordinal),   // a stray quote in an unquoted field
                _ => lines[row].Replace(",标题", ",\"标题\"x", StringComparison.Ordinal), // text after the closing quote
            };
            var name = $"q{f}.csv";
            files.Add(await WriteAsync(name, string.Join('\n', lines) + "\n"));
            expected.Add($"{name}:{LineOf(lines, row)}");
        }

        var index = Path.Combine(_work.FullName, "index");
        var result = await RunAsync(["index", .. files, "--index", index]);

        Assert.True(result.ExitCode == 3, result.Output + result.Error);
        Assert.Equal(expected.Order(), Invalid(result).Select(i => i.Where).Order());
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(index));
    }

    [Fact]
    public async Task Index_UnclosedQuoteWithSkipInvalid_ReportsItAndKeepsTheRowsBefore()
    {
        var random = new Random(7);
        var (lines, _) = CsvRows(random, "u", 6, multiline: false, quoted: false);
        lines[3] = lines[3].Replace(",标题", ",\"标题", StringComparison.Ordinal); // the black-box case: rows after it used to vanish
        var file = await WriteAsync("u.csv", string.Join('\n', lines) + "\n");
        var index = Path.Combine(_work.FullName, "index");

        var strict = await RunAsync(["index", file, "--index", index]);
        var lenient = await RunAsync(["index", file, "--index", index, "--skip-invalid"]);

        Assert.Equal(3, strict.ExitCode);
        Assert.Equal(["u.csv:4"], Invalid(strict).Select(i => i.Where));
        Assert.Contains("never closed", Invalid(strict)[0].Message, StringComparison.Ordinal);
        Assert.Equal(3, lenient.ExitCode);
        Assert.Equal(["u.csv:4"], Invalid(lenient).Select(i => i.Where));
        Assert.Equal(2, (await StatsAsync(index)).GetProperty("achievements").GetInt32());
    }

    [Fact]
    public async Task Index_StrayQuotesWithSkipInvalid_KeepsEveryOtherRow()
    {
        var random = new Random(11);
        var (lines, rows) = CsvRows(random, "s", 30);
        var bad = Enumerable.Range(1, lines.Count - 1).Where(_ => random.Next(5) == 0).ToList();
        foreach (var row in bad)
        {
            lines[row] = lines[row].Replace(",标题", ",标\"题", StringComparison.Ordinal);
        }

        var file = await WriteAsync("s.csv", string.Join("\r\n", lines));
        var index = Path.Combine(_work.FullName, "index");

        var result = await RunAsync(["index", file, "--index", index, "--skip-invalid"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(bad.Select(r => $"s.csv:{LineOf(lines, r)}"), Invalid(result).Select(i => i.Where));
        Assert.Equal(rows - bad.Count, (await StatsAsync(index)).GetProperty("achievements").GetInt32());
    }

    [Fact]
    public async Task Index_NonUtf8BytesAtRandomLines_EachReportedAtItsLineAndNothingWritten()
    {
        var random = new Random(4242);
        var index = await SeededIndexAsync();
        var before = await StatsAsync(index);
        var files = new List<string>();
        var expected = new List<string>();
        for (var f = 0; f < 16; f++)
        {
            var csv = f % 2 == 0;
            var name = csv ? $"g{f}.csv" : $"g{f}.jsonl";
            var lines = csv
                ? CsvRows(random, $"g{f}", random.Next(3, 10), multiline: false).Lines
                : [.. Enumerable.Range(1, random.Next(3, 10)).Select(n => $$"""{"kind":"need","id":"g{{f}}-{{n}}","title":"标题{{n}}","description":"描述{{n}}"}""")];
            var row = random.Next(csv ? 1 : 0, lines.Count);
            var bytes = new List<byte>();
            if (random.Next(2) == 0)
            {
                bytes.AddRange([0xEF, 0xBB, 0xBF]); // a UTF-8 byte order mark stays accepted
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var line = Encoding.UTF8.GetBytes(lines[i]);
                var at = i == row ? line.AsSpan().IndexOf("标题"u8) + random.Next(0, 7) : line.Length; // inside the title, maybe mid-character
                bytes.AddRange(line[..at]);
                if (i == row)
                {
                    bytes.AddRange(Gbk);
                }

                bytes.AddRange(line[at..]);
                bytes.Add((byte)'\n');
            }

            files.Add(Path.Combine(_work.FullName, name));
            await File.WriteAllBytesAsync(files[^1], [.. bytes]);
            expected.Add($"{name}:{row + 1}");
        }

        var result = await RunAsync(["index", .. files, "--index", index]);

        Assert.True(result.ExitCode == 3, result.Output + result.Error);
        Assert.Equal(expected, Invalid(result).Select(i => i.Where));
        Assert.All(Invalid(result), i => Assert.Contains("UTF-8", i.Message, StringComparison.Ordinal));
        AssertUnchanged(before, await StatsAsync(index));
    }

    [Fact]
    public async Task Index_WrongJsonTypesAtRandomLines_EachNamesFieldAndLineAndNothingWritten()
    {
        (string Field, string Value)[] wrong =
        [
            ("id", "5"), ("id", "true"), ("title", "12"), ("title", "[\"t\"]"), ("kind", "1"), ("description", "{\"a\":\"b\"}"),
            ("region", "350500"), ("organization", "false"), ("maturity", "6"), ("tenant", "7"), ("visibility", "0"),
            ("createdAt", "20240101"), ("keywords", "\"a;b\""), ("keywords", "[1,2]"), ("industries", "{}"),
            ("cooperationModes", "\"转让\""), ("priceMin", "\"100\""), ("budgetMax", "true"), ("challenge", "\"true\""),
            ("attributes", "{\"k\":1}"),
        ];
        var random = new Random(99);
        var index = await SeededIndexAsync();
        var before = await StatsAsync(index);
        var lines = Enumerable.Range(1, 60).Select(n => $$"""{"kind":"need","id":"w-{{n}}","title":"标题{{n}}"}""").ToList();
        var rows = Enumerable.Range(0, lines.Count).OrderBy(_ => random.Next()).Take(wrong.Length).ToArray();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < wrong.Length; i++)
        {
            var (field, value) = wrong[i];
            var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = "\"need\"", ["id"] = $"\"w-x{i}\"", ["title"] = "\"标题\"", [field] = value };
            lines[rows[i]] = "{" + string.Join(',', properties.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
            expected[$"types.jsonl:{rows[i] + 1}"] = field;
        }

        var file = await WriteAsync("types.jsonl", string.Join('\n', lines));
        var result = await RunAsync(["index", file, "--index", index]);

        Assert.True(result.ExitCode == 3, result.Output + result.Error);
        var invalid = Invalid(result);
        Assert.Equal(expected.Keys.Order(), invalid.Select(i => i.Where).Order());
        Assert.All(invalid, i => Assert.Contains($"'{expected[i.Where]}", i.Message, StringComparison.Ordinal));
        AssertUnchanged(before, await StatsAsync(index));
    }

    [Fact]
    public async Task Index_CsvValuesOfTheWrongType_NameTheColumnAndLine()
    {
        var file = await WriteAsync("typed.csv",
            "kind,id,title,priceMin,budgetMax,challenge\n" +
            "achievement,t-1,标题,100,,\n" +
            "achievement,t-2,标题,一百,,\n" +
            "need,t-3,标题,,1e,\n" +
            "need,t-4,标题,,,是\n" +
            "need,t-5,标题,,200,true\n");
        var index = Path.Combine(_work.FullName, "index");

        var result = await RunAsync(["index", file, "--index", index]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["typed.csv:3", "typed.csv:4", "typed.csv:5"], Invalid(result).Select(i => i.Where));
        Assert.Equal(["'priceMin'", "'budgetMax'", "'challenge'"], Invalid(result).Select(i => i.Message.Split(' ')[0]));
        Assert.False(Directory.Exists(index));
    }

    [Fact]
    public async Task Index_UnknownCsvColumns_ReportedOnLine1WithTheColumnAndNothingWritten()
    {
        var random = new Random(5);
        string[] unknown = ["price", "Title", "备注", "keyword", "id2", "describe"];
        var files = new List<string>();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var f = 0; f < unknown.Length; f++)
        {
            var (lines, _) = CsvRows(random, $"c{f}", 4, multiline: false, quoted: false);
            var columns = lines[0].Split(',').ToList();
            var at = random.Next(columns.Count + 1);
            columns.Insert(at, unknown[f]);
            lines[0] = string.Join(',', columns);
            for (var i = 1; i < lines.Count; i++)
            {
                var fields = lines[i].Split(',').ToList();
                fields.Insert(at, "x");
                lines[i] = string.Join(',', fields);
            }

            var name = $"c{f}.csv";
            files.Add(await WriteAsync(name, string.Join('\n', lines)));
            expected[$"{name}:1"] = unknown[f];
        }

        files.Add(await WriteAsync("good.csv", string.Join('\n', CsvRows(random, "ok", 3).Lines)));
        var index = Path.Combine(_work.FullName, "index");

        var result = await RunAsync(["index", .. files, "--index", index]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(expected.Keys.Order(), Invalid(result).Select(i => i.Where).Order());
        Assert.All(Invalid(result), i => Assert.Contains($"unknown column '{expected[i.Where]}'", i.Message, StringComparison.Ordinal));
        Assert.False(Directory.Exists(index));
    }

    [Fact]
    public async Task Index_RepeatedIds_LaterCopiesReportedNamingTheFirstStrictWritesNothingSkipKeepsTheFirst()
    {
        var random = new Random(31337);
        var index = await SeededIndexAsync();
        var before = await StatsAsync(index);

        // Ids placed at random in a JSON-lines and a CSV file, read in that order; in reading order the first copy of an id
        // is a need and every later copy an achievement, so the index shows which copy was kept.
        var jsonlIds = Enumerable.Range(0, 20).Select(_ => $"d-{random.Next(1, 31)}").ToList();
        var csvIds = Enumerable.Range(0, 12).Select(_ => $"d-{random.Next(1, 31)}").ToList();
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        var expected = new List<(string Where, string First)>();
        var jsonl = new List<string>();
        var csv = new List<string> { "kind,id,title" };
        foreach (var (id, inCsv) in jsonlIds.Select(id => (id, false)).Concat(csvIds.Select(id => (id, true))))
        {
            var kind = first.ContainsKey(id) ? "achievement" : "need";
            (inCsv ? csv : jsonl).Add(inCsv ? $"{kind},{id},标题" : $$"""{"kind":"{{kind}}","id":"{{id}}","title":"标题"}""");
            var where = inCsv ? $"dups.csv:{csv.Count}" : $"dups.jsonl:{jsonl.Count}";
            if (!first.TryAdd(id, where))
            {
                expected.Add((where, first[id]));
            }
        }

        Assert.InRange(expected.Count, 5, 20); // the seed gives both kinds of repeat: within a file and across files
        Assert.Contains(expected, e => e.Where.StartsWith("dups.csv", StringComparison.Ordinal) && e.First.StartsWith("dups.jsonl", StringComparison.Ordinal));

        var files = new[] { await WriteAsync("dups.jsonl", string.Join('\n', jsonl)), await WriteAsync("dups.csv", string.Join('\n', csv)) };
        var strict = await RunAsync(["index", .. files, "--index", index]);

        Assert.True(strict.ExitCode == 3, strict.Output + strict.Error);
        var invalid = Invalid(strict);
        Assert.Equal(expected.Select(e => e.Where).Order(), invalid.Select(i => i.Where).Order());
        Assert.All(invalid, i => Assert.Contains($"first at {expected.Single(e => e.Where == i.Where).First}", i.Message, StringComparison.Ordinal));
        AssertUnchanged(before, await StatsAsync(index));

        var lenient = await RunAsync(["index", .. files, "--index", index, "--skip-invalid"]);

        Assert.Equal(3, lenient.ExitCode);
        Assert.Equal(expected.Select(e => e.Where), Invalid(lenient).Select(i => i.Where));
        var after = await StatsAsync(index);
        Assert.Equal(first.Count + 1, after.GetProperty("needs").GetInt32()); // + the seed need
        Assert.Equal(0, after.GetProperty("achievements").GetInt32());
    }

    [Fact]
    public async Task Index_IdOwnedByAnotherTenant_RejectionReportedAtItsSourceLine()
    {
        var index = Path.Combine(_work.FullName, "index");
        var owner = await WriteAsync("a.jsonl", """{"kind":"need","id":"shared-1","title":"防水透气膜","tenant":"tenant-a","visibility":"tenant"}""");
        var other = await WriteAsync("b.jsonl", string.Join('\n',
            """{"kind":"need","id":"b-1","title":"标题","tenant":"tenant-b","visibility":"tenant"}""",
            """{"kind":"need","id":"b-2","title":"标题","tenant":"tenant-b","visibility":"tenant"}""",
            """{"kind":"need","id":"shared-1","title":"冒用","tenant":"tenant-b","visibility":"tenant"}"""));
        Assert.Equal(0, (await RunAsync(["index", owner, "--index", index])).ExitCode);

        var result = await RunAsync(["index", other, "--index", index]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("rejected b.jsonl:3: shared-1:", result.Output, StringComparison.Ordinal);
    }

    /// <summary>CSV lines (header first) of achievements whose title field starts with "标题"; some descriptions are quoted, some span two lines.</summary>
    private static (List<string> Lines, int Rows) CsvRows(Random random, string prefix, int rows, bool multiline = true, bool quoted = true)
    {
        var lines = new List<string> { CsvHeader };
        for (var n = 1; n <= rows; n++)
        {
            var description = random.Next(4) switch
            {
                0 when quoted => "\"描述，含逗号, 与\"\"引号\"\"\"",
                1 when multiline => "\"描述第一行\n第二行\"",
                _ => $"描述{n}",
            };
            lines.Add($"achievement,{prefix}-{n},标题{n},{description},关键词;材料,{random.Next(1, 100) * 1000}");
        }

        return (lines, rows);
    }

    /// <summary>The 1-based file line where list entry <paramref name="row"/> starts (entries may hold line breaks).</summary>
    private static int LineOf(List<string> lines, int row) => 1 + lines.Take(row).Sum(l => 1 + l.Count(c => c == '\n'));

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_work.FullName, name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>An index holding one need, to show that a refused run leaves it as it was.</summary>
    private async Task<string> SeededIndexAsync()
    {
        var index = Path.Combine(_work.FullName, "seeded");
        var seed = await WriteAsync("seed.jsonl", """{"kind":"need","id":"seed-1","title":"防水透气膜需求"}""");
        var result = await RunAsync(["index", seed, "--index", index]);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return index;
    }

    private static void AssertUnchanged(JsonElement before, JsonElement after)
    {
        Assert.Equal(before.GetProperty("total").GetInt32(), after.GetProperty("total").GetInt32());
        Assert.Equal(before.GetProperty("commitGeneration").GetInt64(), after.GetProperty("commitGeneration").GetInt64());
    }

    private static async Task<JsonElement> StatsAsync(string index)
    {
        var stats = await RunAsync(["stats", "--index", index, "--json"]);
        Assert.True(stats.ExitCode == 0, stats.Output + stats.Error);
        using var json = JsonDocument.Parse(stats.Output);
        return json.RootElement.Clone();
    }

    /// <summary>The "invalid FILE:LINE: reason" lines of a run's output, in order.</summary>
    private static List<(string Where, string Message)> Invalid(ChildProcess.Result result) =>
        [.. InvalidLine().Matches(result.Output).Select(m => (m.Groups["where"].Value, m.Groups["message"].Value))];

    [GeneratedRegex(@"^invalid (?<where>[^\s:]+:\d+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex InvalidLine();

    private static Task<ChildProcess.Result> RunAsync(string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [RepositoryPaths.CliDll, .. arguments], environment: new Dictionary<string, string> { ["COLUMNS"] = "200" });
}
