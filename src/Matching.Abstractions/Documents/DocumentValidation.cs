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

    public static string ValidateText(string value, int maxLength, string paramName)
    {
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{paramName} is {value.Length} characters long; at most {maxLength} are allowed (文本过长).", paramName);
        }

        return value;
    }

    public static string ValidateTag(string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        var trimmed = value.Trim();
        if (trimmed.Length > MatchDocument.MaxIdLength || trimmed.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            throw new ArgumentException($"{paramName} '{Printable(trimmed)}' is too long or contains control characters (标签非法).", paramName);
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
            ArgumentException.ThrowIfNullOrWhiteSpace(key, paramName);
            ValidateText(key, MatchDocument.MaxIdLength, paramName);
            copy[key] = ValidateText(value ?? string.Empty, 64 * 1024, paramName);
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
