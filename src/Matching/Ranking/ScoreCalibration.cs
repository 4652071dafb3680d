namespace Quanzhou.Matching.Ranking;

/// <summary>
/// Platt scaling of a ranker's score into the chance of relevance (grade ≥ 2): <c>1 / (1 + e^−(A·x + C·y + B))</c>, where x
/// is the score relative to the query's best candidate — the difference for the learned model (LambdaRank scores are
/// shift-invariant per query), the ratio for BM25 (scale-free per query) — and y says how good that best candidate is
/// (the learned model's best score; log(1 + best BM25 score)), so the best result of a weak query reads weaker than
/// the best of a strong one. Fitted by the evaluation tool on the train split's judgments (<c>--fit-calibration</c>);
/// the constants of the shipped rankers are below.
/// </summary>
internal sealed record ScoreCalibration(double A, double B, double C, bool Difference)
{
    /// <summary>
    /// The shipped learned model, fitted 2026-12-06 on the train split's 803 problem queries, top 20 achievements each (16,060 results, 718 relevant):
    /// <c>dotnet run --project benchmarks/Quanzhou.Matching.Evaluation -c Release -- --data DATASET --split train --fit-calibration</c>.
    /// </summary>
    public static readonly ScoreCalibration ShippedModel = new(A: 0.28813195272360714, B: -4.518030540605231, C: 0.2717266802527164, Difference: true);

    /// <summary>BM25 order (<see cref="Bm25MatchRanker"/>), fitted as <see cref="ShippedModel"/>.</summary>
    public static readonly ScoreCalibration Bm25 = new(A: 14.281122282534987, B: -22.513748115591447, C: 2.1693127516963826, Difference: false);

    /// <summary>The calibration of a ranker, when it has one.</summary>
    public static ScoreCalibration? For(IMatchRanker ranker) =>
        ranker is Bm25MatchRanker ? Bm25
        : ranker is LearnedMatchRanker { Manifest.Calibration: { } fitted } ? new ScoreCalibration(fitted.A, fitted.B, fitted.C, Difference: true)
        : LearnedMatchRanker.HasDefaultModel && ReferenceEquals(ranker, LearnedMatchRanker.Default) ? ShippedModel
        : null;

    /// <summary>The inputs (x, y) of a score, given the query's best score.</summary>
    public (double X, double Y) Inputs(double score, double best) =>
        Difference ? (score - best, best) : (best > 0 ? score / best : 0, Math.Log(1 + Math.Max(0, best)));

    /// <summary>The calibrated strength of a score.</summary>
    public double Strength(double score, double best)
    {
        var (x, y) = Inputs(score, best);
        return 1 / (1 + Math.Exp(-((A * x) + (C * y) + B)));
    }

    /// <summary>Fits A, C and B by Newton's method on the log-loss (a tiny ridge keeps separable data finite).</summary>
    public static ScoreCalibration Fit(IReadOnlyList<(double X, double Y, bool Relevant)> samples, bool difference)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples.Count, 3);
        var w = new double[3]; // A, C, B
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var g = new double[3];
            var h = new double[3, 3];
            for (var i = 0; i < 3; i++)
            {
                g[i] = 1e-6 * w[i];
                h[i, i] = 1e-6;
            }

            foreach (var (x, y, relevant) in samples)
            {
                double[] f = [x, y, 1];
                var p = 1 / (1 + Math.Exp(-((w[0] * x) + (w[1] * y) + w[2])));
                var e = p - (relevant ? 1 : 0);
                var weight = Math.Max(p * (1 - p), 1e-12);
                for (var i = 0; i < 3; i++)
                {
                    g[i] += e * f[i];
                    for (var j = 0; j < 3; j++)
                    {
                        h[i, j] += weight * f[i] * f[j];
                    }
                }
            }

            var step = Solve(h, g);
            for (var i = 0; i < 3; i++)
            {
                w[i] -= step[i];
            }

            if (step.Sum(Math.Abs) < 1e-10)
            {
                break;
            }
        }

        return new ScoreCalibration(w[0], w[2], w[1], difference);
    }

    /// <summary>Solves the 3 × 3 system h·s = g (Gaussian elimination with partial pivoting).</summary>
    private static double[] Solve(double[,] h, double[] g)
    {
        var m = new double[3, 4];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                m[i, j] = h[i, j];
            }

            m[i, 3] = g[i];
        }

        for (var col = 0; col < 3; col++)
        {
            var pivot = Enumerable.Range(col, 3 - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var j = 0; j < 4; j++)
            {
                (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            }

            for (var r = 0; r < 3; r++)
            {
                if (r != col)
                {
                    var factor = m[r, col] / m[col, col];
                    for (var j = col; j < 4; j++)
                    {
                        m[r, j] -= factor * m[col, j];
                    }
                }
            }
        }

        return [m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]];
    }
}
