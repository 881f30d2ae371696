using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Pricing;

/// <summary>
/// Prices the spec states that no line uses. A misspelt or renamed key (a log-ingestion key the
/// catalog has since split by log class) leaves the book's price in force with no word; this says
/// so, with the nearest key the priced lines do use.
/// </summary>
public static class SpecPriceCheck
{
    /// <summary>One SP2026 warning per entry of the spec's <c>prices:</c> whose key no line of <paramref name="bills"/> is priced by.</summary>
    public static ImmutableArray<Diagnostic> UnusedPrices(PlatformSpec spec, IReadOnlyCollection<Bill> bills)
    {
        if (spec.Prices.IsEmpty || bills.Count == 0)
        {
            return [];
        }

        var used = bills.SelectMany(b => b.Lines).Select(l => l.PriceKey).ToHashSet(StringComparer.Ordinal);
        return [.. spec.Prices.Where(p => !used.Contains(p.Key)).Select(p => new Diagnostic(
            DiagnosticCodes.UnusedSpecPrice,
            p.Location,
            $"price '{p.Key}' is used by no line of {(bills.Count == 1 ? "the deployment" : $"the {bills.Count} deployments")} priced here, so it changes no figure",
            Spelling.Suggest(p.Key, used) ?? Narrower(p.Key, used) ?? "check the key against the lines' price keys ('stackplan explain' shows them)"))];
    }

    /// <summary>A key the lines use that continues the given one (a family the catalog split into variants).</summary>
    private static string? Narrower(string key, IEnumerable<string> used) =>
        used.Where(k => k.StartsWith(key + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault() is { } k ? $"did you mean '{k}'?" : null;
}
