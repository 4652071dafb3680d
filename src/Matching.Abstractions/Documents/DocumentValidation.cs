using System.Text;

namespace Quanzhou.Matching;

/// <summary>Validation rules shared by documents, requests and options.</summary>
internal static class DocumentValidation
{
    public static string ValidateId(string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (value.Length > MatchDocument.MaxIdLength)
        {
            throw new ArgumentException($"{paramName} is {value.Length} characters long; at most {MatchDocument.MaxIdLength} are allowed (标识过长).", paramName);
        }

        if (value is "." or "..")
        {
            throw new ArgumentException($"{paramName} cannot be '.' or '..' (标识非法).", paramName);
        }

        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) && !char.IsSurrogate(c)) && c is not ('-' or '_' or '.' or ':'))
            {
                throw new ArgumentException(
                    $"{paramName} '{Printable(value)}' contains '{Printable(c.ToString())}'; only letters, digits, '-', '_', '.' and ':' are allowed (标识含非法字符).",
                    paramName);
            }
        }

        return value;
    }

    /// <summary>
    /// Checks the length of free text and returns it with every unpaired surrogate replaced by U+FFFD: such text is not
    /// well-formed UTF-16, cannot be stored as UTF-8 or JSON unchanged, and would come back from an index different from
    /// what went in. Noncharacters (U+FFFE, U+FFFF …) are valid code points and are kept; the analyser drops them.
    /// </summary>
    public static string ValidateText(string value, int maxLength, string paramName)
    {
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{paramName} is {value.Length} characters long; at most {maxLength} are allowed (文本过长).", paramName);
        }

        return ReplaceUnpairedSurrogates(value);
    }

    /// <summary>Whether <paramref name="c"/> is a noncharacter in the Basic Multilingual Plane (U+FDD0–U+FDEF, U+FFFE, U+FFFF).</summary>
    public static bool IsNoncharacter(char c) => c is >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF';

    /// <summary>Returns <paramref name="value"/> with each unpaired surrogate replaced by U+FFFD (the same instance when there is none).</summary>
    public static string ReplaceUnpairedSurrogates(string value)
    {
        var at = IndexOfUnpairedSurrogate(value, 0);
        if (at < 0)
        {
            return value;
        }

        var chars = value.ToCharArray();
        while (at >= 0)
        {
            chars[at] = '\uFFFD';
            at = IndexOfUnpairedSurrogate(value, at + 1);
        }

        return new string(chars);
    }

    private static int IndexOfUnpairedSurrogate(string value, int start)
    {
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++; // a well-formed pair
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    public static string ValidateTag(string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        var trimmed = value.Trim();
        if (trimmed.Length > MatchDocument.MaxIdLength || trimmed.Any(c => char.IsControl(c) || char.IsSurrogate(c) || IsNoncharacter(c)))
        {
            throw new ArgumentException($"{paramName} '{Printable(trimmed)}' is too long or contains control, surrogate or noncharacter code points (标签非法).", paramName);
        }

        return trimmed.ToLowerInvariant();
    }

    public static IReadOnlyList<string> ValidateTags(IEnumerable<string>? values, string paramName)
    {
        if (values is null)
        {
            return [];
        }

        var list = values.Select(v => ValidateTag(v, paramName)).Distinct(StringComparer.Ordinal).ToArray();
        return list.Length > MatchDocument.MaxListCount
            ? throw new ArgumentException($"{paramName} has {list.Length} entries; at most {MatchDocument.MaxListCount} are allowed.", paramName)
            : list;
    }

    public static IReadOnlyList<string> ValidateList(IEnumerable<string>? values, int maxLength, string paramName)
    {
        if (values is null)
        {
            return [];
        }

        var list = new List<string>();
        foreach (var v in values)
        {
            if (v is null)
            {
                throw new ArgumentException($"{paramName} contains a null entry (列表含空值).", paramName);
            }

            if (string.IsNullOrWhiteSpace(v))
            {
                continue; // documented normalisation: blank entries are dropped
            }

            list.Add(ValidateText(v.Trim(), maxLength, paramName));
        }

        return list.Count > MatchDocument.MaxListCount
            ? throw new ArgumentException($"{paramName} has {list.Count} entries; at most {MatchDocument.MaxListCount} are allowed.", paramName)
            : list.AsReadOnly();
    }

    public static IReadOnlyDictionary<string, string> ValidateAttributes(IReadOnlyDictionary<string, string>? values, string paramName)
    {
        if (values is null)
        {
            return new Dictionary<string, string>();
        }

        if (values.Count > MatchDocument.MaxListCount)
        {
            throw new ArgumentException($"{paramName} has {values.Count} entries; at most {MatchDocument.MaxListCount} are allowed.", paramName);
        }

        var copy = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (string.IsNullOrWhiteSpace(key) || value is null)
            {
                throw new ArgumentException($"{paramName} has a null or blank key or a null value (属性键或值为空).", paramName);
            }

            // Two keys that differ only in an unpaired surrogate would collide after repair: the later one wins, as for duplicates.
            copy[ValidateText(key, MatchDocument.MaxIdLength, paramName)] = ValidateText(value, 64 * 1024, paramName);
        }

        return copy;
    }

    private static string Printable(string s)
    {
        var sb = new StringBuilder(Math.Min(s.Length, 64));
        foreach (var c in s.Length > 64 ? s[..64] : s)
        {
            _ = char.IsControl(c) || char.IsSurrogate(c) ? sb.Append($"\\u{(int)c:x4}") : sb.Append(c);
        }

        return s.Length > 64 ? sb.Append('…').ToString() : sb.ToString();
    }
}
