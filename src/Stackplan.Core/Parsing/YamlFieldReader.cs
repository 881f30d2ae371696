using System.Collections.Immutable;
using Stackplan.Core.Model;

namespace Stackplan.Core.Parsing;

/// <summary>
/// Typed access to YAML nodes that records every problem (wrong type, unknown key with a
/// "did you mean", out of range) in a <see cref="DiagnosticBag"/> and carries on with a
/// default, so one run reports all of a file's mistakes.
/// </summary>
internal sealed class YamlFieldReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public YamlMapping? Mapping(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlMapping m:
                return m;
            case YamlScalar s when s.IsNull:
                return null;
            default:
                Diagnostics.Add(DiagnosticCodes.WrongType, node.Location, $"{what} must be a mapping (key: value lines), not {node.KindName}");
                return null;
        }
    }

    /// <summary>The mappings of a list, in order; items that are not mappings are reported and skipped.</summary>
    public IEnumerable<YamlMapping> MappingsIn(YamlNode? node, string what)
    {
        foreach (var item in Sequence(node, what)?.Items ?? [])
        {
            if (Mapping(item, what + "[]") is { } map)
            {
                yield return map;
            }
        }
    }

    public YamlSequence? Sequence(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlSequence s:
                return s;
            case YamlScalar s when s.IsNull:
                return null;
            default:
                Diagnostics.Add(DiagnosticCodes.WrongType, node.Location, $"{what} must be a list (lines starting with '- '), not {node.KindName}");
                return null;
        }
    }

    /// <summary>Reports keys of <paramref name="map"/> that are not in <paramref name="known"/>, suggesting the nearest.</summary>
    public void CheckKeys(YamlMapping map, string what, params string[] known)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (Array.IndexOf(known, key.Value) < 0)
            {
                // No near spelling: say what is allowed here, so the message always shows a way on.
                Diagnostics.Add(DiagnosticCodes.UnknownKey, key.Location, $"unknown key '{key.Value}' in {what}", Spelling.Suggest(key.Value, known) ?? "allowed here: " + string.Join(", ", known));
            }
        }
    }

    public string? String(YamlNode? node, string what, string? fallback = null)
    {
        switch (node)
        {
            case null:
                return fallback;
            case YamlScalar s when s.IsNull:
                return fallback;
            case YamlScalar s:
                return s.Value;
            default:
                Diagnostics.Add(DiagnosticCodes.WrongType, node.Location, $"{what} must be a single value, not {node.KindName}");
                return fallback;
        }
    }

    public string RequiredString(YamlMapping map, string key, string what)
    {
        var value = String(map[key], $"{what}.{key}");
        if (string.IsNullOrWhiteSpace(value))
        {
            Diagnostics.Add(DiagnosticCodes.MissingKey, map.Location, $"{what} needs '{key}'");
            return "";
        }

        return value;
    }

    public decimal? Decimal(YamlNode? node, string what, decimal min = decimal.MinValue, decimal max = decimal.MaxValue)
    {
        if (node is null || node is YamlScalar { IsNull: true })
        {
            return null;
        }

        if (node is not YamlScalar s)
        {
            Diagnostics.Add(DiagnosticCodes.WrongType, node.Location, $"{what} must be a number, not {node.KindName}");
            return null;
        }

        if (!Numbers.TryParse(s.Value, out var value, out var problem))
        {
            // A number too large for decimal is out of range, not "not a number".
            Diagnostics.Add(
                problem == "is not a number" ? DiagnosticCodes.WrongType : DiagnosticCodes.OutOfRange,
                node.Location,
                problem == "is not a number" ? $"{what} must be a number, not '{s.Value}'"
                : max < decimal.MaxValue ? $"{what} must be at most {max}, not '{s.Value}'"
                : $"{what} {problem}: '{s.Value}'");
            return null;
        }

        if (value < min || value > max)
        {
            Diagnostics.Add(DiagnosticCodes.OutOfRange, node.Location, value < min ? $"{what} must be at least {min}, not {value}" : $"{what} must be at most {max}, not {value}");
            return null;
        }

        return value;
    }

    public int? Int(YamlNode? node, string what, int min = 0, int max = 100_000)
    {
        var value = Decimal(node, what, min, max);
        if (value is { } v && v != Math.Floor(v))
        {
            Diagnostics.Add(DiagnosticCodes.OutOfRange, node!.Location, $"{what} must be a whole number, not {v}");
            return null;
        }

        return value is null ? null : (int)value.Value;
    }

    public bool? Bool(YamlNode? node, string what)
    {
        var text = String(node, what);
        switch (text)
        {
            case null:
                return null;
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Diagnostics.Add(DiagnosticCodes.WrongType, node!.Location, $"{what} must be true or false, not '{text}'");
                return null;
        }
    }

    /// <summary>Reads an enum spelled in kebab-case in the spec (per-az, ecs-fargate...).</summary>
    public T? Enum<T>(YamlNode? node, string what)
        where T : struct, System.Enum
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        // Hyphens are not significant, so kubernetes-on-prem reads as kubernetes-onprem.
        var bare = text.Replace("-", "", StringComparison.Ordinal);
        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), bare, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var allowed = System.Enum.GetValues<T>().Select(v => Spelling.KebabCase(v.ToString())).ToArray();
        Diagnostics.Add(DiagnosticCodes.NotAllowedValue, node!.Location, $"{what} must be one of {string.Join(", ", allowed)}, not '{text}'", Spelling.Suggest(text, allowed));
        return null;
    }

    /// <summary>
    /// Reads one of a set of words (hyphens not significant, case ignored, as for enums) and returns
    /// the value it stands for with the word as listed; refuses any other word with the list.
    /// </summary>
    public (T Value, string Word)? Word<T>(YamlNode? node, string what, IReadOnlyList<KeyValuePair<string, T>> words)
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        var bare = text.Replace("-", "", StringComparison.Ordinal);
        foreach (var (word, value) in words)
        {
            if (string.Equals(word.Replace("-", "", StringComparison.Ordinal), bare, StringComparison.OrdinalIgnoreCase))
            {
                return (value, word);
            }
        }

        var allowed = words.Select(w => w.Key).ToArray();
        Diagnostics.Add(DiagnosticCodes.NotAllowedValue, node!.Location, $"{what} must be one of {string.Join(", ", allowed)}, not '{text}'", Spelling.Suggest(text, allowed));
        return null;
    }

    /// <summary>A number, or a mapping {low, expected, high}. Negative values are refused.</summary>
    public ValueRange? Range(YamlNode? node, string what, decimal max = 1e15m)
    {
        if (node is YamlMapping map)
        {
            CheckKeys(map, what, "low", "expected", "high");
            var expected = Decimal(map["expected"], what + ".expected", 0, max);
            var low = Decimal(map["low"], what + ".low", 0, max) ?? expected;
            var high = Decimal(map["high"], what + ".high", 0, max) ?? expected;
            if (expected is null)
            {
                if (map["expected"] is null)
                {
                    Diagnostics.Add(DiagnosticCodes.MissingKey, map.Location, $"{what} needs 'expected'");
                }

                return null;
            }

            if (low > expected || expected > high)
            {
                Diagnostics.Add(DiagnosticCodes.OutOfRange, map.Location, $"{what} must have low <= expected <= high, not {low} / {expected} / {high}");
                return null;
            }

            return new ValueRange(low!.Value, expected.Value, high!.Value);
        }

        var single = Decimal(node, what, 0, max);
        return single is null ? null : ValueRange.Exactly(single.Value);
    }

    /// <summary>Kubernetes CPU quantity: "500m", "0.5" or 2 (cores). Returned in millicores.</summary>
    public decimal? CpuMillis(YamlNode? node, string what)
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        // A Kubernetes quantity has no spaces ("500 m" is refused by the API server); decimal parsing would allow them.
        var millis = text.Any(char.IsWhiteSpace) ? null : text.EndsWith('m') ? ParseNumber(text[..^1]) : ParseNumber(text) * 1000m;
        if (millis is null or < 0)
        {
            Diagnostics.Add(DiagnosticCodes.WrongType, node!.Location, $"{what} must be a CPU quantity such as 250m or 0.5, not '{text}'");
            return null;
        }

        return millis;
    }

    /// <summary>Kubernetes memory quantity: "512Mi", "2Gi", "1G" or bytes. Returned in MiB.</summary>
    public decimal? MemoryMiB(YamlNode? node, string what)
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        (string Suffix, decimal MiB)[] units = [("Ki", 1m / 1024), ("Mi", 1m), ("Gi", 1024m), ("Ti", 1024m * 1024), ("K", 1000m / 1048576), ("M", 1_000_000m / 1048576), ("G", 1_000_000_000m / 1048576)];
        foreach (var (suffix, mib) in text.Any(char.IsWhiteSpace) ? [] : units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && ParseNumber(text[..^suffix.Length]) is { } n && n >= 0)
            {
                return n * mib;
            }
        }

        if (!text.Any(char.IsWhiteSpace) && ParseNumber(text) is { } bytes && bytes >= 0)
        {
            return bytes / 1048576m;
        }

        Diagnostics.Add(DiagnosticCodes.WrongType, node!.Location, $"{what} must be a memory quantity such as 512Mi or 2Gi, not '{text}'");
        return null;
    }

    public ImmutableDictionary<string, SettingValue> Settings(YamlNode? node, string what)
    {
        var map = Mapping(node, what);
        if (map is null)
        {
            return ImmutableDictionary<string, SettingValue>.Empty;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, SettingValue>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (value is YamlScalar s && !s.TryGetDecimal(out _))
            {
                builder[key.Value] = new SettingValue(null, s.Value, value.Location);
            }
            else if (Range(value, $"{what}.{key.Value}") is { } range)
            {
                builder[key.Value] = new SettingValue(range, null, value.Location);
            }
        }

        return builder.ToImmutable();
    }

    private static decimal? ParseNumber(string text) => Numbers.TryParse(text, out var v, out _) ? v : null;
}
