using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

/// <summary>What the analysis commands share: formats, number options, usage keys and rendering.</summary>
public static class AnalysisOptions
{
    public static OptionSpec Format { get; } = OutputFormats.Format<AnalysisDocument>();

    /// <summary>
    /// Renders an analysis of these deployments; one that misses prices is marked incomplete in every
    /// format and warned about on standard error. Returns the exit code: 1 under --strict when incomplete.
    /// </summary>
    public static int Render(AnalysisDocument doc, IEnumerable<DeploymentModel> models, Arguments args, CliConsole console) =>
        Render(doc, models.Select(m => (m.Deployment, m.Lines.Where(l => l.Price is null).Select(l => $"{l.Id} ('{l.PriceKey}')"))), args, console);

    /// <inheritdoc cref="Render(AnalysisDocument, IEnumerable{DeploymentModel}, Arguments, CliConsole)"/>
    public static int Render(AnalysisDocument doc, IEnumerable<Bill> bills, Arguments args, CliConsole console) =>
        Render(doc, bills.Select(b => (b.Deployment, b.MissingPrices.Select(l => $"{l.Id} ('{l.PriceKey}')"))), args, console);

    /// <summary>For output that is not one document (a streamed grid): warns on standard error (SP5006) about the lines with no price; true when there are some.</summary>
    public static bool WarnAboutMissingPrices(IEnumerable<DeploymentModel> models, CliConsole console)
    {
        EstimatingOptions.WarnAboutUnpricedValues(models.SelectMany(m => m.Warnings), console);
        var warnings = MissingPriceWarnings(models.Select(m => (m.Deployment, m.Lines.Where(l => l.Price is null).Select(l => $"{l.Id} ('{l.PriceKey}')"))));
        foreach (var w in warnings)
        {
            console.Error.WriteLine(w);
        }

        return !warnings.IsEmpty;
    }

    private static ImmutableArray<Diagnostic> MissingPriceWarnings(IEnumerable<(Stackplan.Core.Resolve.Deployment Deployment, IEnumerable<string> Missing)> sides) =>
        [.. sides.DistinctBy(s => s.Deployment.Name)
            .Select(s => (s.Deployment, Missing: s.Missing.ToList()))
            .Where(s => s.Missing.Count > 0)
            .Select(s => Diagnostic.Warning(DiagnosticCodes.IncompleteAnalysis, $"{s.Deployment.Name} has {s.Missing.Count} line(s) with no price in {s.Deployment.Spec.Region}, left out of its figures: {string.Join(", ", s.Missing)}"))];

    private static int Render(AnalysisDocument doc, IEnumerable<(Stackplan.Core.Resolve.Deployment Deployment, IEnumerable<string> Missing)> sides, Arguments args, CliConsole console)
    {
        var warnings = MissingPriceWarnings(sides);
        if (!warnings.IsEmpty)
        {
            doc = doc.Incomplete(warnings);
            foreach (var w in warnings)
            {
                console.Error.WriteLine(w);
            }
        }

        Render(doc, args, console);
        return warnings.IsEmpty || !args.Has(Gates.Strict.Name) ? 0 : 1;
    }

    public static void Render(AnalysisDocument doc, Arguments args, CliConsole console) => OutputFormats.Write(doc, args, console);

    /// <summary>A number option (the spec's parser and bounds); a percentage may end in '%' (10 or 10%).</summary>
    public static decimal? Decimal(Arguments args, string name, decimal min = 0m, decimal max = 1e15m, bool percent = false)
    {
        if (args.Get(name) is not { } text)
        {
            return null;
        }

        if (!Numbers.TryParse(percent && text.EndsWith('%') ? text[..^1] : text, min, max, out var value, out _))
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
        }

        return value;
    }

    public static int? Int(Arguments args, string name, int min, int max)
    {
        if (args.Get(name) is not { } text)
        {
            return null;
        }

        return (int)Whole(text, "--" + name, min, max);
    }

    /// <summary>
    /// A whole number written as the spec writes numbers (the one parser: 1_000 and 1e3 too),
    /// from <paramref name="min"/> to <paramref name="max"/>; otherwise SP2103 naming <paramref name="what"/>.
    /// </summary>
    public static decimal Whole(string text, string what, decimal min, decimal max) =>
        Numbers.TryParse(text, min, max, out var value, out _) && value == decimal.Truncate(value)
            ? value
            : throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"{what} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'");

    /// <summary>The usage keys an analysis can vary: those some catalog component reads (a key nothing reads would draw a flat line).</summary>
    public static IReadOnlySet<string> UsageKeys(PlatformSpec spec, Estimator estimator) =>
        Stackplan.Core.Resolve.UsageCheck.ReadKeys(estimator.Catalog);

    /// <summary>
    /// Refuses a key no component reads (SP2105): the nearest known key, or else the keys the spec
    /// itself states, rather than every key of every catalog component.
    /// </summary>
    public static void RequireUsageKey(string key, IReadOnlySet<string> known, string option, PlatformSpec spec)
    {
        if (!known.Contains(key))
        {
            var stated = spec.Usage.Concat(spec.Environments.SelectMany(e => e.Usage)).Select(u => u.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var hint = Spelling.Suggest(key, known)
                ?? (stated.Count > 0 ? $"the spec's usage keys: {string.Join(", ", stated)}; any key a component of the catalog reads is accepted too ('stackplan catalog show COMPONENT' lists them)" : "'stackplan catalog show COMPONENT' lists the usage keys a component reads");
            throw new UsageException(DiagnosticCodes.UnknownName, $"{option}: '{key}' is not a usage key of this spec", hint);
        }
    }

    /// <summary>The environment for a single-environment analysis: --env, else that of the first deployment compared.</summary>
    public static string Environment(PlatformSpec spec, Arguments args)
    {
        var envs = args.GetAll(EstimatingOptions.Env.Name);
        if (envs.Count > 1)
        {
            throw new UsageException(DiagnosticCodes.ConflictingOptions, "this command analyses one environment: give --env once");
        }

        if (envs.Count == 1)
        {
            if (spec.FindEnvironment(envs[0]) is null)
            {
                throw new UsageException(DiagnosticCodes.UnknownName, $"the spec has no environment '{envs[0]}' (it has: {string.Join(", ", spec.Environments.Select(x => x.Name))})", Spelling.Suggest(envs[0], spec.Environments.Select(x => x.Name)));
            }

            return envs[0];
        }

        return spec.DeploymentsToCompare()[0].Environment;
    }
}
