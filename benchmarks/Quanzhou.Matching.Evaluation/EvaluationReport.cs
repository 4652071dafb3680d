using System.Text.Json.Nodes;
using Quanzhou.Matching.Evaluation;

namespace Quanzhou.Matching.EvaluationTool;

internal sealed class EvaluationReport(string split, double indexBuildSeconds, SkippedRecords skipped)
{
    /// <summary>Indented, with Chinese reasons of skipped records kept readable (not \u-escaped).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Types = ["all", "problem", "title", "keywords"];
    private readonly List<PipelineEvaluation> _results = [];

    /// <summary>The pipelines evaluated, in run order.</summary>
    public IReadOnlyList<PipelineEvaluation> Results => _results;

    public void Add(PipelineEvaluation result) => _results.Add(result);

    public void Print(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"split {split}, index build {indexBuildSeconds:0.0} s, {skipped.Summary()}");
        w.WriteLine($"{"pipeline",-14} {"type",-9} {"queries",7} {"nDCG@10",8} {"MRR@10",8} {"R@100",8} {"p50 ms",8} {"p95 ms",8}");
        foreach (var r in _results)
        {
            foreach (var type in Types)
            {
                var (n, ndcg, mrr, recall) = r.Aggregate(type);
                if (n == 0)
                {
                    continue;
                }

                var latency = type == "all" ? $"{r.P50Ms,8:0.00} {r.P95Ms,8:0.00}" : string.Empty;
                w.WriteLine($"{r.Name,-14} {type,-9} {n,7} {ndcg,8:0.0000} {mrr,8:0.0000} {recall,8:0.0000} {latency}");
            }
        }
    }

    /// <summary>The expected calibration error of each pipeline with strengths (top 10 per query, relevance = grade ≥ 2).</summary>
    public void PrintCalibration(TextWriter w)
    {
        foreach (var r in _results.Where(r => r.CalibrationError is not null))
        {
            w.WriteLine($"calibration {r.Name}: expected calibration error (top 10, grade >= 2) {r.CalibrationError:0.0000}; bins (strength -> observed, n): "
                + string.Join("  ", r.ReliabilityBins.Select(b => $"{b.MeanStrength:0.00}->{b.Observed:0.00} ({b.Count})")));
        }
    }

    public void WriteJson(string path)
    {
        var pipelines = new JsonObject();
        foreach (var r in _results)
        {
            var node = new JsonObject();
            foreach (var type in Types)
            {
                var (n, ndcg, mrr, recall) = r.Aggregate(type);
                node[type] = new JsonObject { ["queries"] = n, ["ndcg@10"] = Math.Round(ndcg, 4), ["mrr@10"] = Math.Round(mrr, 4), ["recall@100"] = Math.Round(recall, 4) };
            }

            node["latency_ms"] = new JsonObject { ["p50"] = Math.Round(r.P50Ms, 3), ["p95"] = Math.Round(r.P95Ms, 3) };
            if (r.CalibrationError is { } ece)
            {
                node["expected_calibration_error_top10"] = Math.Round(ece, 4);
                node["reliability_bins"] = new JsonArray([.. r.ReliabilityBins.Select(b => (JsonNode)new JsonObject { ["mean_strength"] = Math.Round(b.MeanStrength, 4), ["observed"] = Math.Round(b.Observed, 4), ["count"] = b.Count })]);
            }
            pipelines[r.Name] = node;
        }

        var root = new JsonObject { ["split"] = split, ["index_build_seconds"] = Math.Round(indexBuildSeconds, 2), ["skipped_records"] = skipped.ToJson(), ["pipelines"] = pipelines };
        File.WriteAllText(path, root.ToJsonString(JsonOptions));
    }

    /// <summary>The CI quality gate: <c>learned</c> must not fall below the best BM25 pipeline on problem nDCG@10.</summary>
    public bool CheckGate(TextWriter w, double? expectDense = null, bool gateHybrid = false)
    {
        var learned = _results.FirstOrDefault(r => r.Name == "learned");
        if (learned is null)
        {
            w.WriteLine("GATE FAILED: no learned pipeline ran (no model).");
            return false;
        }

        var best = _results.Where(r => r.Name.StartsWith("bm25", StringComparison.Ordinal)).Select(r => (r.Name, r.Aggregate("problem").Ndcg)).MaxBy(x => x.Ndcg);
        var mine = learned.Aggregate("problem").Ndcg;
        var ok = mine >= best.Ndcg;
        w.WriteLine($"GATE {(ok ? "PASSED" : "FAILED")}: learned problem nDCG@10 {mine:0.0000} vs best BM25 ({best.Name}) {best.Ndcg:0.0000}");
        if (_results.FirstOrDefault(r => r.Name == "hybrid") is { } hybrid && _results.FirstOrDefault(r => r.Name == "bm25-fused") is { } fused)
        {
            var (h, f) = (hybrid.Aggregate("problem").Ndcg, fused.Aggregate("problem").Ndcg);
            var hybridOk = h >= f;
            w.WriteLine(gateHybrid
                ? $"GATE {(hybridOk ? "PASSED" : "FAILED")}: hybrid problem nDCG@10 {h:0.0000} vs bm25-fused {f:0.0000}"
                : $"REPORTED (gated only with --gate-hybrid): hybrid problem nDCG@10 {h:0.0000} {(hybridOk ? "≥" : "<")} bm25-fused {f:0.0000}");
            ok &= hybridOk || !gateHybrid;
        }

        if (expectDense is { } expected)
        {
            var dense = _results.FirstOrDefault(r => r.Name == "dense")?.Aggregate("problem").Ndcg;
            var denseOk = dense is { } d && Math.Abs(d - expected) <= 0.01;
            w.WriteLine($"GATE {(denseOk ? "PASSED" : "FAILED")}: dense problem nDCG@10 {dense?.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) ?? "(no dense pipeline: --vectors missing)"} vs expected {expected:0.0000} ± 0.01");
            ok &= denseOk;
        }

        return ok;
    }
}
