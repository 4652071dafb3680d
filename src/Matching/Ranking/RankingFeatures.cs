using System.Globalization;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Ranking;

/// <summary>
/// The ranking features — one class used by training and scoring alike, so a model always sees features computed the
/// same way. Features are functions of the query text and the candidate's content and metadata only.
/// </summary>
/// <remarks>
/// Missing-value rule (saved in every model manifest as <see cref="MissingValueRule"/>): a structured feature whose
/// value is unknown on either side (no industry tags, region, maturity or money range) is <c>-1</c>; known values are
/// in [0, 1]. To add a feature, append a <see cref="FeatureDefinition"/> to <see cref="Definitions"/> and compute it in
/// <see cref="Compute"/>, then retrain: the schema hash changes and old models are refused.
/// </remarks>
internal static class RankingFeatures
{
    public const string MissingValueRule = "structured features with an unknown value on either side are -1; known values lie in [0, 1]";

    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int ProximityWindow = 8;

    public static IReadOnlyList<FeatureDefinition> Definitions { get; } =
    [
        new("bm25_words", "BM25 of the query's words (SmartCn + domain lexicon) in the text", "文本词语BM25相关度"),
        new("bm25_bigrams", "BM25 of the query's character bigrams in the text", "字符二元组BM25相关度"),
        new("retrieval_score", "fused BM25 retrieval score", "检索得分"),
        new("retrieval_score_ratio", "retrieval score relative to the best candidate", "相对检索得分"),
        new("word_coverage", "share of the query's words found in the text", "需求词语覆盖率"),
        new("word_idf_coverage", "share of the query's informative (rare) words found", "关键术语覆盖率"),
        new("bigram_coverage", "share of the query's character bigrams found", "字符覆盖率"),
        new("bigram_idf_coverage", "share of the query's rare character bigrams found", "关键字符覆盖率"),
        new("longest_bigram_run", "longest run of consecutive query characters found, relative to the query", "最长连续匹配片段"),
        new("ordered_pairs", "share of adjacent query word pairs that also appear adjacent in the text", "短语匹配比例"),
        new("proximity", "most distinct query words within an 8-word window, relative to the query", "匹配词语紧密度"),
        new("lexicon_overlap", "share of the query's domain-lexicon terms found", "领域术语匹配"),
        new("query_length", "log number of query words", "需求长度"),
        new("doc_length", "log number of words in the text", "文本长度"),
        new("industry_overlap", "share of the query's industry tags the candidate has", "产业标签一致"),
        new("region_match", "same region code", "同一地区"),
        new("maturity_fit", "candidate maturity meets the requested maturity", "成熟度满足要求"),
        new("money_fit", "price and budget ranges overlap", "价格与预算匹配"),
        new("is_expert", "the candidate is an expert profile", "专家"),
        new("bm25_words_b03", "BM25 of the query's words with weak length normalisation", "词语相关度(弱长度归一)"),
        new("lm_words", "query likelihood of the words (Dirichlet smoothing)", "词语语言模型得分"),
        new("lm_bigrams", "query likelihood of the bigrams (Dirichlet smoothing)", "字符语言模型得分"),
        new("longest_phrase", "longest contiguous run of query characters in the text, relative to the query", "最长连续相同短语"),
        new("longest_phrase_chars", "longest contiguous run of query characters in the text (log characters)", "最长相同短语长度"),
        new("feedback_overlap", "share of the pseudo-relevance expansion terms found (topic of the best results)", "与最相关结果主题一致"),
        new("keyword_in_query", "share of the candidate's own keywords that the query mentions", "成果关键词出现在需求中"),
        new("bm25_words_ratio", "word BM25 relative to the best candidate", "相对词语相关度"),
        new("bm25_bigrams_ratio", "bigram BM25 relative to the best candidate", "相对字符相关度"),
        new("lm_words_ratio", "word query likelihood relative to the best candidate", "相对词语语言模型得分"),
        new("lm_bigrams_ratio", "bigram query likelihood relative to the best candidate", "相对字符语言模型得分"),
        new("feedback_ratio", "feedback-topic overlap relative to the best candidate", "相对主题一致度"),
        new("feedback_bm25", "BM25-style match of the pseudo-relevance expansion terms (RM3)", "扩展主题词匹配度"),
        new("max_matched_idf", "rarity of the rarest query word found, relative to the rarest query word", "最关键术语命中"),
        new("bm25_bigrams_b03", "BM25 of the query's bigrams with weak length normalisation", "字符相关度(弱长度归一)"),
    ];

    /// <summary>Per-query features: (index of the ratio feature, index of the raw feature it normalises by the list maximum).</summary>
    private static readonly (int Ratio, int Raw)[] ListRatios = [(26, 0), (27, 1), (28, 20), (29, 21), (30, 24)];

    /// <summary>Fills the list-relative features once every candidate of a query has its raw features.</summary>
    public static void NormalizeList(IReadOnlyList<float[]> rows)
    {
        foreach (var (ratio, raw) in ListRatios)
        {
            var max = rows.Count == 0 ? 0 : rows.Max(r => r[raw]);
            foreach (var r in rows)
            {
                r[ratio] = max > 0 ? r[raw] / max : 0;
            }
        }
    }

    public static IReadOnlyList<string> Names { get; } = Definitions.Select(d => d.Name).ToArray();

    /// <summary>A stable hash of the feature names, in order; a model is refused when its schema hash differs.</summary>
    public static string SchemaHash { get; } = SchemaHashOf(Names);

    /// <summary>The schema hash of a feature list (the built-ins, optionally followed by custom features).</summary>
    public static string SchemaHashOf(IEnumerable<string> names) => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", names) + "\n" + MissingValueRule)));

    /// <summary>Computes the built-in features of one candidate of <paramref name="set"/> into a new row with <paramref name="extra"/> trailing slots (for custom features).</summary>
    public static float[] Compute(CandidateSet set, Candidate candidate, int extra = 0)
    {
        var ctx = set.Query;
        var f = new float[Definitions.Count + extra];
        var terms = ctx.Terms;

        // Words: term frequencies, adjacency and positions in one pass over the stored tokens.
        var wordTf = new int[terms.Words.Length];
        var lookup = ctx.WordIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        var window = new Queue<(int Pos, int Q)>();
        var windowCounts = new int[terms.Words.Length];
        int distinctInWindow = 0, bestWindow = 0, pairHits = 0, position = 0, previousQ = -1;
        var seenPairs = new HashSet<long>();
        foreach (var token in candidate.Stored.WordTokens)
        {
            var q = lookup.TryGetValue(token, out var qi) ? qi : -1;
            if (q >= 0)
            {
                wordTf[q]++;
                if (previousQ >= 0 && ctx.WordPairs.Contains(QueryContext.Pair(previousQ, q)) && seenPairs.Add(QueryContext.Pair(previousQ, q)))
                {
                    pairHits++;
                }

                while (window.Count > 0 && window.Peek().Pos <= position - ProximityWindow)
                {
                    var old = window.Dequeue();
                    if (--windowCounts[old.Q] == 0)
                    {
                        distinctInWindow--;
                    }
                }

                window.Enqueue((position, q));
                if (windowCounts[q]++ == 0)
                {
                    distinctInWindow++;
                }

                bestWindow = Math.Max(bestWindow, distinctInWindow);
            }

            previousQ = q;
            position++;
        }

        var wordLength = position;

        // Bigrams: term frequencies.
        var bigramTf = new int[terms.Bigrams.Length];
        var bigramLookup = ctx.BigramIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        var bigramLength = 0;
        int run = 0, bestRun = 0, previousB = -1;
        foreach (var token in candidate.Stored.BigramTokens)
        {
            var b = bigramLookup.TryGetValue(token, out var bi) ? bi : -1;
            if (b >= 0)
            {
                bigramTf[b]++;
                run = previousB >= 0 && ctx.BigramPairs.Contains(QueryContext.Pair(previousB, b)) ? run + 1 : 1;
                bestRun = Math.Max(bestRun, run);
            }
            else
            {
                run = 0;
            }

            previousB = b;
            bigramLength++;
        }

        // Feedback terms and the candidate's keywords.
        double feedback = 0.0, feedbackBm25 = 0.0;
        if (set.FeedbackTerms.Count > 0)
        {
            var feedbackLookup = set.FeedbackTerms.GetAlternateLookup<ReadOnlySpan<char>>();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var token in candidate.Stored.WordTokens)
            {
                if (feedbackLookup.TryGetValue(token, out var actual, out var w))
                {
                    var n = counts.GetValueOrDefault(actual);
                    if (n == 0)
                    {
                        feedback += w;
                    }

                    counts[actual] = n + 1;
                }
            }

            var norm = K1 * (1 - B + (B * wordLength / ctx.AvgWordLength));
            foreach (var (term, n) in counts)
            {
                feedbackBm25 += set.FeedbackTerms[term] * n * (K1 + 1) / (n + norm);
            }
        }

        var keywords = candidate.Stored.Keywords;
        var keywordHits = keywords.Count(k => k.Length > 1 && terms.NormalizedText.Contains(Analysis.ChineseTextNormalizer.Default.Normalize(k), StringComparison.Ordinal));

        f[0] = (float)Bm25(wordTf, ctx.WordIdf, wordLength, ctx.AvgWordLength);
        f[1] = (float)Bm25(bigramTf, ctx.BigramIdf, bigramLength, ctx.AvgBigramLength);
        f[2] = candidate.Score;
        f[3] = set.MaxRetrievalScore > 0 ? candidate.Score / set.MaxRetrievalScore : 0;
        (f[4], f[5]) = Coverage(wordTf, ctx.WordIdf);
        (f[6], f[7]) = Coverage(bigramTf, ctx.BigramIdf);
        f[8] = LongestRun(terms.BigramSequence, ctx.BigramIndex, bigramTf);
        f[9] = ctx.WordPairs.Count == 0 ? 0 : (float)pairHits / ctx.WordPairs.Count;
        f[10] = terms.Words.Length == 0 ? 0 : (float)bestWindow / Math.Min(ProximityWindow, terms.Words.Length);
        f[11] = ctx.LexiconTerms.Length == 0 ? 0 : (float)ctx.LexiconTerms.Count(i => wordTf[i] > 0) / ctx.LexiconTerms.Length;
        f[12] = (float)Math.Log(1 + terms.Words.Length);
        f[13] = (float)Math.Log(1 + wordLength);
        StructuredFit(ctx.QueryDocument, ctx.QueryIndustryTags, candidate, f.AsSpan(14));
        f[18] = candidate.Stored.IsExpert ? 1 : 0;
        f[19] = (float)Bm25(wordTf, ctx.WordIdf, wordLength, ctx.AvgWordLength, b: 0.3);
        f[20] = (float)QueryLikelihood(wordTf, ctx.WordCollectionProbability, wordLength);
        f[21] = (float)QueryLikelihood(bigramTf, ctx.BigramCollectionProbability, bigramLength);
        f[22] = terms.BigramSequence.Length == 0 ? 0 : (float)bestRun / terms.BigramSequence.Length;
        f[23] = (float)Math.Log(1 + (bestRun > 0 ? bestRun + 1 : 0));
        f[24] = (float)feedback;
        f[25] = keywords.Length == 0 ? 0 : (float)keywordHits / keywords.Length;
        f[31] = (float)feedbackBm25;
        var maxIdf = ctx.WordIdf.Length == 0 ? 0 : ctx.WordIdf.Max();
        var maxMatched = wordTf.Select((tf, i) => tf > 0 ? ctx.WordIdf[i] : 0).DefaultIfEmpty(0).Max();
        f[32] = maxIdf > 0 ? (float)(maxMatched / maxIdf) : 0;
        f[33] = (float)Bm25(bigramTf, ctx.BigramIdf, bigramLength, ctx.AvgBigramLength, b: 0.3);
        return f;
    }

    private static void StructuredFit(MatchDocument? query, IReadOnlyList<string> queryTags, Candidate candidate, Span<float> f)
    {
        f.Fill(-1);
        var doc = candidate.Stored;
        var tags = doc.IndustryTags;
        if (queryTags.Count > 0 && tags.Length > 0)
        {
            f[0] = (float)queryTags.Count(tags.Contains) / queryTags.Count;
        }

        if (query is null)
        {
            return;
        }

        var region = doc.Region;
        if (query.Region is not null && region is not null)
        {
            f[1] = query.Region == region ? 1 : 0;
        }

        var trl = doc.Trl;
        if (query.Maturity is { } wanted && trl is { } level)
        {
            // A need states the minimum maturity; an achievement or expert side is scored symmetrically by distance.
            f[2] = query.Kind == DocumentKind.Need
                ? (level >= wanted.Level ? 1 : Math.Max(0, 1 - ((wanted.Level - level) / 4f)))
                : Math.Max(0, 1 - (Math.Abs(wanted.Level - level) / 8f));
        }

        var queryMoney = query switch { TechNeed n => n.Budget, TechAchievement a => a.Price, _ => null };
        if (queryMoney is not null && doc.Money is { } docMoney)
        {
            f[3] = queryMoney.Overlaps(docMoney) ? 1 : 0;
        }
    }

    private static double Bm25(int[] tf, double[] idf, int length, double avgLength, double b = B)
    {
        var norm = K1 * (1 - b + (b * length / avgLength));
        var score = 0.0;
        for (var i = 0; i < tf.Length; i++)
        {
            if (tf[i] > 0)
            {
                score += idf[i] * tf[i] * (K1 + 1) / (tf[i] + norm);
            }
        }

        return score;
    }

    /// <summary>Mean per-term log query likelihood with Dirichlet smoothing (mu = 300), so query length does not dominate.</summary>
    private static double QueryLikelihood(int[] tf, double[] collectionProbability, int length)
    {
        if (tf.Length == 0)
        {
            return 0;
        }

        const double Mu = 300;
        var sum = 0.0;
        for (var i = 0; i < tf.Length; i++)
        {
            sum += Math.Log((tf[i] + (Mu * collectionProbability[i])) / (length + Mu)) - Math.Log(collectionProbability[i]);
        }

        return sum / tf.Length;
    }

    private static (float Plain, float Weighted) Coverage(int[] tf, double[] idf)
    {
        if (tf.Length == 0)
        {
            return (0, 0);
        }

        double hit = 0, total = 0;
        var count = 0;
        for (var i = 0; i < tf.Length; i++)
        {
            total += idf[i];
            if (tf[i] > 0)
            {
                hit += idf[i];
                count++;
            }
        }

        return ((float)count / tf.Length, total > 0 ? (float)(hit / total) : 0);
    }

    private static float LongestRun(string[] sequence, Dictionary<string, int> index, int[] tf)
    {
        if (sequence.Length == 0)
        {
            return 0;
        }

        int best = 0, run = 0;
        foreach (var term in sequence)
        {
            run = tf[index[term]] > 0 ? run + 1 : 0;
            best = Math.Max(best, run);
        }

        return (float)best / sequence.Length;
    }
}

/// <summary>A ranking feature's name and descriptions (English, Chinese) for manifests and explanations.</summary>
internal sealed record FeatureDefinition(string Name, string Description, string ChineseLabel);
