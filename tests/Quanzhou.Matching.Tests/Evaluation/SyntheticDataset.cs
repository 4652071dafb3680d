using System.Globalization;
using System.Text.Json;

namespace Quanzhou.Matching.Tests.Evaluation;

/// <summary>
/// A small generated dataset folder (corpus.jsonl, queries.dev.tsv, qrels.dev.txt) with bad lines at random places
/// among good ones, and where each bad line landed and why it is bad.
/// </summary>
internal sealed class SyntheticDataset
{
    private static readonly string[] Topics = ["防水透气膜", "鞋材发泡工艺", "陶瓷釉料配方", "茶叶加工设备", "纺织印染废水", "石材切割刀具", "食品包装材料", "锂电池隔膜"];

    private SyntheticDataset(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>Expected bad lines: (file name, line number, a fragment of the reason).</summary>
    public List<(string File, int Line, string Reason)> Bad { get; } = [];

    public List<string> GoodDocumentIds { get; } = [];

    /// <summary>Good queries that have judgments (these are the ones scored).</summary>
    public int GoodJudgedQueries { get; private set; }

    public int BadCount(string file) => Bad.Count(b => b.File == file);

    /// <summary>Builds the dataset; <paramref name="extraBadDocuments"/> adds that many more too-long-keyword lines (to exceed the listing cap).</summary>
    public static SyntheticDataset Create(int seed, int extraBadDocuments = 0)
    {
        var random = new Random(seed);
        var data = new SyntheticDataset(TestFixtures.NewTempDirectory());

        var goodDocs = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var id = $"d{i:000}";
            data.GoodDocumentIds.Add(id);
            var topic = Topics[i % Topics.Length];
            goodDocs.Add(Json(new { id, title = $"{topic}的研究{i}", keywords = new[] { topic, "工艺" }, @abstract = $"针对{topic}的问题，本文提出第{i}种方法并验证其性能。", discipline = "材料科学与工程", category = "工学", source = new[] { "synthetic" } }));
        }

        string[] badDocs =
        [
            Json(new { id = "long-keyword", title = "t", keywords = new[] { new string('长', 316) }, @abstract = "a" }) + "\tKeywords is 316 characters long",
            "{\"id\": \"cut\", \"title\": " + "\tinvalid JSON",
            Json(new { id = "title-number", title = 42, keywords = Array.Empty<string>(), @abstract = "a" }) + "\t'title' is a number",
            Json(new { id = "bad id", title = "t", @abstract = "a" }) + "\tcontains ' '",
            Json(new { id = "keywords-string", title = "t", keywords = "防水", @abstract = "a" }) + "\t'keywords' is a string",
            Json(new { id = "keyword-number", title = "t", keywords = new object[] { "防水", 7 }, @abstract = "a" }) + "\t'keywords[1]' is a number",
            "[1, 2]\texpected a JSON object",
            Json(new { title = "no id here", @abstract = "a" }) + "\tno id",
            Json(new { id = new string('x', 129), title = "t", @abstract = "a" }) + "\t129 characters long",
            Json(new { id = "d003", title = "again", @abstract = "a" }) + "\tduplicate id 'd003'",
            .. Enumerable.Range(0, extraBadDocuments).Select(i => Json(new { id = $"long{i}", title = "t", keywords = new[] { new string('长', 201 + i) }, @abstract = "a" }) + $"\tKeywords is {201 + i} characters long"),
        ];
        data.WriteWithBadLines("corpus.jsonl", goodDocs, badDocs, random, mustFollow: "\"id\":\"d003\"");

        var goodQueries = new List<string>();
        var qrels = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var doc = i * 3;
            goodQueries.Add($"q{i:00}\t{(i % 3 == 0 ? "title" : "problem")}\t{Topics[doc % Topics.Length]}的研究{doc}");
            qrels.Add($"q{i:00} 0 d{doc:000} 3");
        }

        data.GoodJudgedQueries = goodQueries.Count;
        goodQueries.Add("q99\tproblem\t没有判定的查询"); // good but unjudged: read, not scored
        string[] badQueries =
        [
            "q50\tproblem 鞋材\texpected 'qid<TAB>type<TAB>text', found 2 field(s)",
            "q 51\tproblem\t鞋材\tcontains ' '",
            "q52\tproblem\t   \tthe query text is empty",
            "q53\t\t防水\tthe query type is empty",
            "q00\tproblem\t重复的查询\tduplicate query id 'q00'",
        ];
        data.WriteWithBadLines("queries.dev.tsv", goodQueries, badQueries, random, mustFollow: "q00\t");

        string[] badQrels =
        [
            "q01 0 d003\texpected 'qid 0 docid grade', found 3 field(s)",
            "q01 0 d004 x\tgrade 'x' is not an integer",
            "q01 0 d005 9\tgrade 9 is outside 0–4",
            "q01 0 d/06 1\tcontains '/'",
            "q00 0 d000 1\tduplicate judgment of 'd000' for 'q00'",
        ];
        data.WriteWithBadLines("qrels.dev.txt", qrels, badQrels, random, mustFollow: "q00 0 d000");
        return data;
    }

    /// <summary>Writes the good lines in order with each bad one (its text before the tab; the reason after) at a random place, after <paramref name="mustFollow"/>'s line for duplicates.</summary>
    private void WriteWithBadLines(string file, List<string> good, string[] bad, Random random, string mustFollow)
    {
        var lines = good.Select(l => (Text: l, Reason: (string?)null)).ToList();
        var firstAllowed = lines.FindIndex(l => l.Text.Contains(mustFollow, StringComparison.Ordinal)) + 1;
        foreach (var b in bad)
        {
            var tab = b.LastIndexOf('\t');
            lines.Insert(random.Next(firstAllowed, lines.Count + 1), (b[..tab], b[(tab + 1)..]));
        }

        File.WriteAllLines(Path.Combine(Folder, file), lines.Select(l => l.Text));
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Reason is { } reason)
            {
                Bad.Add((file, i + 1, reason));
            }
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public override string ToString() => string.Join("; ", Bad.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.File}:{b.Line}")));
}
