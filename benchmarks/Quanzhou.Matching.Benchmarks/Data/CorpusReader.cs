using System.Text.Json;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Benchmarks.Data;

/// <summary>
/// Reads corpus records with the Java peer's conventions (strings stripped, empty keywords dropped, <c>abstract</c>
/// or <c>text</c>, <c>id</c> or <c>doc_id</c>), so both sides recombine exactly the same sentences. A record with a
/// <c>kind</c> is a bundled demo record and is also read with <see cref="MatchDocumentJson"/>.
/// </summary>
internal static class CorpusReader
{
    /// <summary>Reads a JSONL file, or every <c>*.jsonl</c> of a folder in name order.</summary>
    public static IEnumerable<CorpusRecord> Read(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.jsonl").Order(StringComparer.Ordinal).ToArray()
            : [path];
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                yield return Parse(line, file, lineNumber);
            }
        }
    }

    private static CorpusRecord Parse(string line, string file, int lineNumber)
    {
        JsonElement e;
        try
        {
            using var json = JsonDocument.Parse(line);
            e = json.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{file}:{lineNumber}: bad JSON: {ex.Message}", ex);
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{file}:{lineNumber}: not a JSON object");
        }

        var id = Str(e, "id") is { Length: > 0 } i ? i : Str(e, "doc_id");
        if (string.IsNullOrEmpty(id))
        {
            throw new FormatException($"{file}:{lineNumber}: record has no id/doc_id");
        }

        MatchDocument? document = null;
        if (e.TryGetProperty("kind", out _))
        {
            var record = MatchDocumentJson.Parse(line, lineNumber);
            document = record.Document ?? throw new FormatException($"{file}:{record.Error}");
        }

        var keywords = new List<string>();
        if (e.TryGetProperty("keywords", out var k) && k.ValueKind == JsonValueKind.Array)
        {
            keywords.AddRange(k.EnumerateArray().Select(x => JavaText.Strip(x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText())).Where(x => x.Length > 0));
        }

        var industries = e.TryGetProperty("industries", out var ind) && ind.ValueKind == JsonValueKind.Array && ind.GetArrayLength() > 0
            ? ind[0].GetString() ?? string.Empty
            : string.Empty;
        return new CorpusRecord(
            id,
            Str(e, "title"),
            keywords,
            Str(e, "abstract") is { Length: > 0 } a ? a : Str(e, "text") is { Length: > 0 } t ? t : Str(e, "description"),
            Str(e, "discipline") is { Length: > 0 } d ? d : industries,
            Str(e, "category"))
        {
            Document = document,
        };
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => JavaText.Strip(v.GetString()!),
            JsonValueKind.Null => string.Empty,
            _ => v.GetRawText(),
        } : string.Empty;
}
