using System.Globalization;
using System.Text.RegularExpressions;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Assessment;

/// <summary>One cue phrase rule from a versioned, tab-separated resource file (label, weight, regular expression).</summary>
internal sealed record CueRule(string Label, int Weight, Regex Pattern);

/// <summary>A rule's hit in a text: the label it supports, its weight and the phrase found.</summary>
internal readonly record struct CueHit(string Label, int Weight, string Phrase, int Offset);

/// <summary>Loads cue rules and finds their hits, ignoring hits preceded in their clause by a negation cue.</summary>
internal sealed class CueRuleSet
{
    private const int NegationWindow = 8;
    private static readonly char[] ClauseBreaks = ['，', '。', '；', ',', ';', '.', '!', '?', '！', '？', '\n'];

    private CueRuleSet(string version, IReadOnlyList<CueRule> rules, Regex? negation)
    {
        Version = version;
        Rules = rules;
        Negation = negation;
    }

    public string Version { get; }

    public IReadOnlyList<CueRule> Rules { get; }

    public Regex? Negation { get; }

    public static CueRuleSet Load(string logicalName, IReadOnlyCollection<string> labels)
    {
        var rules = new List<CueRule>();
        Regex? negation = null;
        var version = "?";
        foreach (var line in EmbeddedResources.ReadLines(logicalName))
        {
            var parts = line.Split('\t');
            if (parts[0] == "version" && parts.Length == 2)
            {
                version = parts[1];
                continue;
            }

            if (parts[0] == "negation" && parts.Length == 2)
            {
                negation = Compile(parts[1]);
                continue;
            }

            if (parts.Length != 3 || !labels.Contains(parts[0]) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            {
                throw new InvalidOperationException($"Bad rule line in embedded resource '{logicalName}': '{line}'.");
            }

            rules.Add(new CueRule(parts[0], weight, Compile(parts[2])));
        }

        return new CueRuleSet(version, rules, negation);
    }

    /// <summary>The first non-negated hit of every rule, in rule order.</summary>
    public List<CueHit> Find(string normalizedText)
    {
        var hits = new List<CueHit>();
        foreach (var rule in Rules)
        {
            for (var m = rule.Pattern.Match(normalizedText); m.Success; m = m.NextMatch())
            {
                if (!IsNegated(normalizedText, m.Index))
                {
                    hits.Add(new CueHit(rule.Label, rule.Weight, Phrase(normalizedText, m), m.Index));
                    break;
                }
            }
        }

        return hits;
    }

    private bool IsNegated(string text, int index)
    {
        if (Negation is null)
        {
            return false;
        }

        var start = Math.Max(0, index - NegationWindow);
        var window = text[start..index];
        var lastBreak = window.LastIndexOfAny(ClauseBreaks);
        return Negation.IsMatch(lastBreak >= 0 ? window[(lastBreak + 1)..] : window);
    }

    /// <summary>The matched cue widened to its clause (at most 24 characters), so a reader sees it in context.</summary>
    private static string Phrase(string text, Match m)
    {
        var start = m.Index;
        while (start > 0 && m.Index - start < 12 && Array.IndexOf(ClauseBreaks, text[start - 1]) < 0)
        {
            start--;
        }

        var end = m.Index + m.Length;
        while (end < text.Length && end - start < 24 && Array.IndexOf(ClauseBreaks, text[end]) < 0)
        {
            end++;
        }

        return text[start..end].Trim();
    }

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
}
