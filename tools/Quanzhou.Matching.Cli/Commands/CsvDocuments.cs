using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary>
/// Reads documents from CSV with a header row whose column names are the JSON-lines field names (kind, id, title,
/// description, keywords, industries, region, organization, maturity, priceMin, priceMax, budgetMin, budgetMax,
/// cooperationModes, tenant, visibility, createdAt, updatedAt). List columns separate values with ';' or '；'.
/// Each row becomes the JSON object the JSON-lines reader validates, so both formats follow the same rules.
/// </summary>
internal static class CsvDocuments
{
    private static readonly HashSet<string> ListColumns = ["keywords", "industries", "cooperationModes"];
    private static readonly HashSet<string> NumberColumns = ["priceMin", "priceMax", "budgetMin", "budgetMax"];

    public static List<JsonDocumentRecord> Read(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, TrackLineNumbers = true, AllowLineBreaksInQuotes = true });
        var records = new List<JsonDocumentRecord>();
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            var json = new JsonObject();
            foreach (var column in header)
            {
                var value = csv.GetStringOrNull(column);
                if (string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                json[column] = ListColumns.Contains(column)
                    ? new JsonArray(value.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode)JsonValue.Create(v)!).ToArray())
                    : NumberColumns.Contains(column) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                        ? JsonValue.Create(number)
                        : JsonValue.Create(value);
            }

            records.Add(MatchDocumentJson.Parse(json.ToJsonString(), line));
        }

        return records;
    }
}
