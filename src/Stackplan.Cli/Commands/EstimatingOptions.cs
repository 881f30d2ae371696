using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

/// <summary>The options every estimating command shares, and the work of turning them into bills.</summary>
public static class EstimatingOptions
{
    public static readonly OptionSpec Env = new("env", "NAME", "only these environments (repeatable)", "e", Repeatable: true);
    public static readonly OptionSpec Option = new("option", "NAME", "only these hosting options (repeatable)", Repeatable: true);
    public static readonly OptionSpec Usage = new("usage", "KEY=VALUE", "override a usage volume: key=10 or key=5..10..20 (repeatable)", "u", Repeatable: true);
    public static readonly OptionSpec Catalog = new("catalog", "FILE", "add or override catalog components from a YAML file (repeatable)", Repeatable: true);
    public static OptionSpec Output => OutputFormats.Output;
    public static readonly OptionSpec PriceBook = new("pricebook", "FILE", "an imported AWS Price List book (stackplan pricebook import) layered over the curated prices");

    /// <summary>The options of estimate and compare.</summary>
    public static IReadOnlyList<OptionSpec> Common { get; } = [Env, Option, Usage, SpecInput.UsageFileOption, SpecInput.WorkloadsOption, Catalog, PriceBook, OutputFormats.Format<EstimateReport>(), Output, .. Gates.CostGates];

    public static Estimator CreateEstimator(Arguments args, CliConsole console)
    {
        var book = args.Get(PriceBook.Name) is { } path ? console.ResolvePath(path) : null;
        if (book is not null)
        {
            console.InputPaths.Add(book);
        }

        return EmbeddedData.Estimator(
            booksOnTop: book is not null ? Stackplan.PriceBook.SqlitePriceBook.OpenAll(book) : null,
            userCatalogFiles: SpecInput.CatalogFiles(console, args.GetAll(Catalog.Name)).ToList());
    }

    /// <summary>The deployments chosen by --env/--option, in the spec's compare order (or every pair).</summary>
    public static ImmutableArray<DeploymentRef> Targets(PlatformSpec spec, Arguments args)
    {
        var envs = args.GetAll(Env.Name);
        var options = args.GetAll(Option.Name);
        foreach (var e in envs.Where(e => spec.FindEnvironment(e) is null))
        {
            throw new UsageException(DiagnosticCodes.UnknownName, $"the spec has no environment '{e}' (it has: {string.Join(", ", spec.Environments.Select(x => x.Name))})", Spelling.Suggest(e, spec.Environments.Select(x => x.Name)));
        }

        foreach (var o in options.Where(o => spec.FindOption(o) is null))
        {
            throw new UsageException(DiagnosticCodes.UnknownName, $"the spec has no option '{o}' (it has: {string.Join(", ", spec.Options.Select(x => x.Name))})", Spelling.Suggest(o, spec.Options.Select(x => x.Name)));
        }

        var pool = spec.DeploymentsToCompare();
        if (envs.Count > 0 && options.Count > 0)
        {
            // Asking for both names exactly the pairs wanted, compared or not.
            pool = [.. envs.SelectMany(e => options.Select(o => new DeploymentRef(e, o, spec.Location)))];
        }

        var chosen = pool.Where(d => (envs.Count == 0 || envs.Contains(d.Environment)) && (options.Count == 0 || options.Contains(d.Option))).ToImmutableArray();
        if (chosen.IsEmpty)
        {
            chosen = [.. (envs.Count > 0 ? envs : spec.Environments.Select(e => e.Name)).SelectMany(e => (options.Count > 0 ? options : spec.Options.Select(o => o.Name)).Select(o => new DeploymentRef(e, o, spec.Location)))];
        }

        return chosen;
    }

    /// <summary>Parses --usage key=value and key=low..expected..high; the key must be one the spec or catalog knows.</summary>
    public static IReadOnlyDictionary<string, ValueRange> UsageOverrides(PlatformSpec spec, Estimator estimator, Arguments args)
    {
        var known = spec.Usage.Select(u => u.Key).Concat(estimator.Catalog.Components.SelectMany(c => c.UsageDefaults.Keys)).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, ValueRange>(StringComparer.Ordinal);
        foreach (var text in args.GetAll(Usage.Name))
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--usage takes key=value, not '{text}'");
            }

            var key = text[..eq];
            AnalysisOptions.RequireUsageKey(key, known, "--usage", spec);
            result[key] = ParseRange(text[(eq + 1)..], key);
        }

        return result;
    }

    public static ValueRange ParseRange(string text, string key)
    {
        var parts = text.Split("..");
        if (parts.Length is not (1 or 3))
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"usage '{key}' must be a non-negative number or low..expected..high, not '{text}'");
        }

        // The same parser and bounds as the spec's usage: 0 to 1e15.
        var numbers = new decimal?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            numbers[i] = Numbers.TryParse(parts[i], 0m, Numbers.MaxVolume, out var v, out var problem)
                ? v
                : throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"usage '{key}' {(problem == "is not a number" ? "must be a non-negative number or low..expected..high" : problem)}, not '{text}'");
        }

        var range = parts.Length == 1 ? ValueRange.Exactly(numbers[0]!.Value) : new ValueRange(numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value);
        if (range.Low > range.Expected || range.Expected > range.High)
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"usage '{key}' must have low <= expected <= high, not '{text}'");
        }

        return range;
    }

    public static EstimateReport BuildReport(Arguments args, CliConsole console) => BuildReport(args, console, out _);

    /// <summary>Also hands back the estimator, so a caller reuses its catalog instead of loading it again.</summary>
    public static EstimateReport BuildReport(Arguments args, CliConsole console, out Estimator estimator)
    {
        var (spec, _) = SpecInput.Load(console, args.Positional(0, "spec file (a path, or - for standard input)"), args);
        estimator = CreateEstimator(args, console);
        var chosen = estimator;
        var bills = Gates.CheckSpecWhile(spec, estimator, args, console, () => chosen.EstimateAll(spec, Targets(spec, args), UsageOverrides(spec, chosen, args)));
        Gates.Report(SpecPriceCheck.UnusedPrices(spec, bills), args, console);
        return new EstimateReport(spec, estimator.Prices, bills);
    }

    /// <summary>
    /// Missing prices go to standard error too, loudly, whatever the format; a spec value that is
    /// why a price is missing (a misspelt instance class) is said there at its file:line:column, once.
    /// </summary>
    public static void WarnAboutMissingPrices(EstimateReport report, CliConsole console)
    {
        WarnAboutUnpricedValues(report.Bills.SelectMany(b => b.Warnings), console);

        foreach (var bill in report.Bills.Where(b => !b.IsComplete))
        {
            console.Error.WriteLine(Diagnostic.Warning(DiagnosticCodes.MissingPrice, $"{bill.Deployment.Name}: {bill.MissingPrices.Count()} line(s) have no price and are left out of the total: {string.Join(", ", bill.MissingPrices.Select(l => l.Id))}"));
            foreach (var key in bill.MissingPrices.Where(l => l.MissingHint is not null).GroupBy(l => l.PriceKey))
            {
                console.Error.WriteLine($"  no '{key.Key}' in {bill.Deployment.Where}: {key.First().MissingHint}");
            }
        }
    }

    /// <summary>A spec value that is why a price is missing (SP2027), on standard error at its file:line:column, once however many deployments share it.</summary>
    public static void WarnAboutUnpricedValues(IEnumerable<Diagnostic> warnings, CliConsole console)
    {
        foreach (var unpriced in warnings.Where(w => w.Code == DiagnosticCodes.UnpricedSpecValue).Distinct())
        {
            console.Error.WriteLine(unpriced);
        }
    }

    /// <summary>Writes the report in the format asked for, then warns about missing prices on standard error.</summary>
    public static void Render(EstimateReport report, Arguments args, CliConsole console, bool brief = false)
    {
        OutputFormats.Write(report, args, console, brief);
        WarnAboutMissingPrices(report, console);
    }
}
