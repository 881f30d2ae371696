using System.Globalization;

namespace Stackplan.Core.Parsing;

/// <summary>
/// The one way Stackplan reads a number written by a person, in a spec, a catalog or on the
/// command line: invariant culture, an optional exponent (1.5e3), and underscores between digits
/// as separators (1_000_000, as YAML 1.1 allows). One parser, so a value accepted in the spec is
/// accepted by --usage and the reverse.
/// </summary>
public static class Numbers
{
    /// <summary>The largest usage volume, setting or analysis bound accepted anywhere (USD, GB, requests...).</summary>
    public const decimal MaxVolume = 1e15m;

    /// <summary>Reads <paramref name="text"/>; false with a reason ("is not a number", "is too large") when it cannot.</summary>
    public static bool TryParse(string text, out decimal value, out string problem)
    {
        value = 0m;
        problem = "";
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || !SeparatorsAreBetweenDigits(trimmed))
        {
            problem = "is not a number";
            return false;
        }

        var plain = trimmed.Replace("_", "", StringComparison.Ordinal);
        if (decimal.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        // A number, but beyond decimal's range (about 7.9e28) or too small to tell from zero.
        problem = double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? Math.Abs(d) >= 1 ? "is too large" : "is too small to tell from zero"
            : "is not a number";
        return false;
    }

    /// <summary>A number within [min, max]; otherwise false with the reason, bounds included.</summary>
    public static bool TryParse(string text, decimal min, decimal max, out decimal value, out string problem)
    {
        if (!TryParse(text, out value, out problem))
        {
            if (problem == "is too large")
            {
                problem = $"must be at most {Show(max)}";
            }

            return false;
        }

        if (value < min || value > max)
        {
            problem = value < min ? $"must be at least {Show(min)}" : $"must be at most {Show(max)}";
            return false;
        }

        return true;
    }

    public static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool SeparatorsAreBetweenDigits(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && (i == 0 || i == text.Length - 1 || !char.IsAsciiDigit(text[i - 1]) || !char.IsAsciiDigit(text[i + 1])))
            {
                return false;
            }
        }

        return true;
    }
}
