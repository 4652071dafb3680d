using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CsvHelper;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary>
/// Reads documents from UTF-8 CSV with a header row whose column names are the JSON-lines field names (<see cref="Columns"/>).
/// List columns separate values with ';' or '；'. Each row becomes the JSON object the JSON-lines reader validates, so both
/// formats follow the same rules.
/// </summary>
/// <remarks>
/// Nothing is dropped quietly: an unknown or repeated column is an error on line 1 (and no row of the file is read);
/// malformed quoting (a quote never closed, a stray quote, text after a closing quote) or a row with a different number
/// of fields than the header is an error on the line where the bad field starts; bytes that are not UTF-8 are an error on
/// their line. Each becomes a record with an error, as the JSON-lines reader reports a bad line.
/// </remarks>
internal static class CsvDocuments
{
    /// <summary>The columns a CSV file may have, in the order the help text lists them.</summary>
    public static readonly string[] Columns =
    [
        "kind", "id", "title", "description", "abstract", "keywords", "industries", "region", "organization", "maturity",
        "priceMin", "priceMax", "budgetMin", "budgetMax", "cooperationModes", "tenant", "visibility", "createdAt", "updatedAt",
        "challenge", "achievementIds", "skills", "serviceChain",
    ];

    private static readonly HashSet<string> ListColumns = ["keywords", "industries", "cooperationModes", "achievementIds", "skills"];
    private static readonly HashSet<string> NumberColumns = ["priceMin", "priceMax", "budgetMin", "budgetMax"];
    private static readonly HashSet<string> BooleanColumns = ["challenge"];

    public static List<JsonDocumentRecord> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var invalidLines = InvalidUtf8Lines(bytes);
        if (invalidLines.Contains(1))
        {
            return [Error(1, $"{NotUtf8} in the header row; no row of this file was read (本文件未读取)")];
        }

        var records = new List<JsonDocumentRecord>();
        CsvMalformedRecord? badHeader = null;
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = ',',
            TrimWhitespace = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = bad =>
            {
                if (bad.LineNumber == 1)
                {
                    badHeader = bad;
                }
                else
                {
                    records.Add(Malformed(bad));
                }
            },
        };
        using var csv = CsvReader.Create(bytes, options);
        csv.ReadHeader();
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        if (badHeader is { } malformedHeader)
        {
            return [Error(1, $"the header row is malformed: {StripLine(Malformed(malformedHeader).Error)}; no row of this file was read (本文件未读取)")];
        }

        if (HeaderError(header) is { } headerError)
        {
            return [Error(1, $"{headerError}; no row of this file was read (本文件未读取)")];
        }

        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            var lastLine = line + LineBreaks(csv.RawRecord);
            if (invalidLines.GetViewBetween(line, lastLine) is { Count: > 0 } bad)
            {
                records.Add(Error(bad.Min, NotUtf8));
                continue;
            }

            var json = new JsonObject();
            for (var i = 0; i < header.Length; i++)
            {
                var value = csv.GetStringOrNull(i);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    json[header[i]] = ToJson(header[i], value);
                }
            }

            records.Add(MatchDocumentJson.Parse(json.ToJsonString(), line));
        }

        // Malformed records are reported while reading, before the rows that follow them; report in line order.
        return [.. records.OrderBy(r => r.LineNumber)];
    }

    private const string NotUtf8 = "not valid UTF-8; save the file as UTF-8 (非UTF-8编码，请以UTF-8保存)";

    private static JsonNode ToJson(string column, string value)
    {
        if (ListColumns.Contains(column))
        {
            return new JsonArray(value.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }

        // A value that does not parse stays a string, which the JSON reader refuses naming the column.
        if (NumberColumns.Contains(column) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        if (BooleanColumns.Contains(column) && bool.TryParse(value, out var flag))
        {
            return JsonValue.Create(flag);
        }

        return JsonValue.Create(value);
    }

    private static string? HeaderError(string[] header)
    {
        if (header.Length == 0)
        {
            return "the file is empty: a header row with column names is expected (缺少表头)";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in header)
        {
            if (!Columns.Contains(column, StringComparer.Ordinal))
            {
                var hint = Columns.FirstOrDefault(c => c.Equals(column, StringComparison.OrdinalIgnoreCase)) is { } near ? $" (did you mean '{near}'?)" : string.Empty;
                return column.Length == 0
                    ? "a column has no name in the header row (列名为空)"
                    : $"unknown column '{column}'{hint}; the columns are {string.Join(", ", Columns)} (未知列)";
            }

            if (!seen.Add(column))
            {
                return $"column '{column}' appears twice in the header row (列名重复)";
            }
        }

        return null;
    }

    private static JsonDocumentRecord Malformed(CsvMalformedRecord bad)
    {
        var line = (int)bad.LineNumber;
        var (fields, badField) = Scan(bad.RawRecord);
        var fieldLine = badField < 0 ? line : line + LineBreaks(bad.RawRecord.AsSpan(0, badField));
        return Error(fieldLine, bad.Reason switch
        {
            CsvMalformedReason.UnterminatedQuote => "a quoted field starts here and is never closed: the rest of the file would be read as one field, so none of it was read (引号未闭合)",
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted field; quote the whole field and double the quotes inside it (\"\") (字段内有多余引号)",
            CsvMalformedReason.TextAfterClosingQuote => $"a quoted field starts here and has text after its closing quote{(LineBreaks(bad.RawRecord) > 0 ? " (a quote may be missing or extra, so the following lines were read into it)" : string.Empty)} (引号后有多余文本)",
            CsvMalformedReason.FieldCountMismatch => $"{fields} fields, but the header row has a different number; quote fields that contain ',' (字段数与表头不符)",
            var reason => $"malformed CSV ({reason}) (CSV格式错误)",
        });
    }

    /// <summary>Counts a raw record's fields (RFC 4180) and finds where its first badly quoted field starts (-1 when none).</summary>
    private static (int Fields, int BadField) Scan(string raw)
    {
        var fields = 1;
        var badField = -1;
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < raw.Length && raw[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < raw.Length && raw[i] == '"')
            {
                i++;
                var closed = false;
                while (i < raw.Length)
                {
                    if (raw[i++] == '"')
                    {
                        if (i < raw.Length && raw[i] == '"')
                        {
                            i++;
                            continue;
                        }

                        closed = true;
                        break;
                    }
                }

                var next = closed ? raw.IndexOf(',', i) : -1;
                var end = next < 0 ? raw.Length : next;
                if ((!closed || !raw.AsSpan(i, end - i).Trim(" \t\r\n").IsEmpty) && badField < 0)
                {
                    badField = start;
                }

                i = end;
            }
            else
            {
                var next = raw.IndexOf(',', i);
                var end = next < 0 ? raw.Length : next;
                if (raw.AsSpan(i, end - i).Contains('"') && badField < 0)
                {
                    badField = start;
                }

                i = end;
            }

            if (i >= raw.Length)
            {
                return (fields, badField);
            }

            fields++;
            i++;
        }
    }

    /// <summary>The 1-based numbers of the lines that hold bytes that are not UTF-8 (a leading byte order mark is fine).</summary>
    private static SortedSet<int> InvalidUtf8Lines(byte[] bytes)
    {
        var invalid = new SortedSet<int>();
        ReadOnlySpan<byte> rest = bytes;
        if (rest.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            rest = rest[3..];
        }

        if (Utf8.IsValid(rest))
        {
            return invalid;
        }

        var lineNumber = 1;
        while (true)
        {
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if (!Utf8.IsValid(line))
            {
                invalid.Add(lineNumber);
            }

            if (end < 0)
            {
                return invalid;
            }

            end += rest[end] == (byte)'\r' && end + 1 < rest.Length && rest[end + 1] == (byte)'\n' ? 2 : 1;
            rest = rest[end..];
            lineNumber++;
        }
    }

    private static int LineBreaks(ReadOnlySpan<byte> raw)
    {
        var count = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'\n' || (raw[i] == (byte)'\r' && (i + 1 == raw.Length || raw[i + 1] != (byte)'\n')))
            {
                count++;
            }
        }

        return count;
    }

    private static int LineBreaks(ReadOnlySpan<char> raw)
    {
        var count = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    private static JsonDocumentRecord Error(int line, string message) => new(line, null, $"line {line}: {message}");

    private static string StripLine(string? error) => error is null ? "malformed" : error[(error.IndexOf(": ", StringComparison.Ordinal) + 2)..];
}
