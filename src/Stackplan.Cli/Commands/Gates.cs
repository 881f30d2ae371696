using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;
using Stackplan.Core.Resolve;

namespace Stackplan.Cli.Commands;

/// <summary>
/// What turns an estimate into a CI check: --strict (warnings fail the run), --fail-on-missing
/// (a deployment with a line no price book holds), --max-monthly (a budget) and --max-increase
/// against a baseline JSON written earlier by estimate or compare. A failed gate exits 1, after the
/// report is written; a spec mistake that --strict turns into an error exits 2.
/// </summary>
public static class Gates
{
    public static readonly OptionSpec Strict = new("strict", null, "warnings fail the run: a usage key nothing reads exits 2; a missing price exits 1");
    public static readonly OptionSpec FailOnMissing = new("fail-on-missing", null, "exit 1 when any deployment has a line with no price");
    public static readonly OptionSpec MaxMonthly = new("max-monthly", "USD", "exit 1 when any deployment's expected monthly total is above USD");
    public static readonly OptionSpec Against = new("against", "FILE", "a JSON report from estimate or compare (--format json) to hold the totals against");
    public static readonly OptionSpec MaxIncrease = new("max-increase", "PERCENT", "with --against: exit 1 when a deployment's expected total rose by more than PERCENT");

    /// <summary>The gates estimate and compare take.</summary>
    public static IReadOnlyList<OptionSpec> CostGates => [Strict, FailOnMissing, MaxMonthly, Against, MaxIncrease];

    /// <summary>
    /// Spec-wide warnings that need the catalog (a usage key nothing reads): printed, or under
    /// --strict thrown as errors (exit 2).
    /// </summary>
    public static void CheckSpec(PlatformSpec spec, Estimator estimator, Arguments args, CliConsole console) =>
        Report(UsageCheck.UnreadKeys(spec, estimator.Catalog), args, console);

    /// <summary>
    /// <see cref="CheckSpec"/> on a second core while <paramref name="work"/> runs on this one (both
    /// read the same components, and a compare spends a fifth of its time there), reported as if
    /// it had run first: its warnings come before anything the work prints or throws, and under
    /// --strict its error replaces the work's result.
    /// </summary>
    public static T CheckSpecWhile<T>(PlatformSpec spec, Estimator estimator, Arguments args, CliConsole console, Func<T> work)
    {
        var check = Task.Run(() => UsageCheck.UnreadKeys(spec, estimator.Catalog));
        T result;
        try
        {
            result = work();
        }
        catch (Exception)
        {
            Report(check.GetAwaiter().GetResult(), args, console);
            throw;
        }

        Report(check.GetAwaiter().GetResult(), args, console);
        return result;
    }

    /// <summary>Warnings of the spec (a key or price that changes nothing): printed, or under --strict errors (exit 2).</summary>
    public static void Report(ImmutableArray<Diagnostic> warnings, Arguments args, CliConsole console)
    {
        if (warnings.IsEmpty)
        {
            return;
        }

        if (args.Has(Strict.Name))
        {
            throw new InputException([.. warnings.Select(d => d with { Escalated = true })]);
        }

        foreach (var d in warnings)
        {
            console.Error.WriteLine(d);
        }
    }

    /// <summary>Missing prices under --strict: exit 1 for any analysis whose deployments are incomplete.</summary>
    public static int StrictOnMissing(IEnumerable<DeploymentModel> models, Arguments args, CliConsole console)
    {
        var incomplete = models.Where(m => m.Lines.Any(l => l.Price is null)).Select(m => m.Deployment.Name).ToList();
        if (incomplete.Count == 0 || !args.Has(Strict.Name))
        {
            return 0;
        }

        console.Error.WriteLine(new Diagnostic(DiagnosticCodes.GateMissingPrice, null, $"--strict: {string.Join(", ", incomplete)} {(incomplete.Count == 1 ? "has" : "have")} lines with no price, so the results above are incomplete"));
        return 1;
    }

    /// <summary>Applies the cost gates to a report already written; 1 when any fails (each failure printed), else 0.</summary>
    public static int Apply(EstimateReport report, Arguments args, CliConsole console)
    {
        var failed = false;

        // A deployment with no line priced has no total at all; $0.00 would read as a result.
        foreach (var bill in report.Bills.Where(b => !b.IsComplete && b.Lines.All(l => l.MissingPrice || l.Monthly is { Expected: 0m })))
        {
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.NothingPriced, null, $"{bill.Deployment.Name}: no line has a price in {bill.Deployment.Spec.Region} ({string.Join(", ", bill.MissingPrices.Select(l => l.PriceKey).Distinct())}), so it has no total"));
            failed = true;
        }

        if (args.Has(FailOnMissing.Name) || args.Has(Strict.Name))
        {
            foreach (var bill in report.Bills.Where(b => !b.IsComplete))
            {
                console.Error.WriteLine(new Diagnostic(DiagnosticCodes.GateMissingPrice, null, $"{bill.Deployment.Name}: {bill.MissingPrices.Count()} line(s) have no price, so its total is incomplete"));
                failed = true;
            }
        }

        if (AnalysisOptions.Decimal(args, MaxMonthly.Name, 0m, Numbers.MaxVolume) is { } budget)
        {
            foreach (var bill in report.Bills.Where(b => b.Monthly.Expected > budget))
            {
                console.Error.WriteLine(new Diagnostic(DiagnosticCodes.GateBudgetExceeded, null, $"{bill.Deployment.Name}: expected {Money(bill.Monthly.Expected)} a month is above --max-monthly {Money(budget)}"));
                failed = true;
            }
        }

        if (args.Get(Against.Name) is { } path)
        {
            var limit = AnalysisOptions.Decimal(args, MaxIncrease.Name, 0m, 1_000_000m, percent: true)
                ?? throw new UsageException(DiagnosticCodes.MissingArgument, "--against needs --max-increase PERCENT");
            var baseline = ReadBaseline(console, path);
            foreach (var bill in report.Bills)
            {
                if (!baseline.TryGetValue(bill.Deployment.Name, out var before))
                {
                    console.Error.WriteLine(Diagnostic.Warning(DiagnosticCodes.GateNoBaseline, $"{bill.Deployment.Name}: '{path}' has no total for this deployment; --max-increase does not apply to it"));
                    continue;
                }

                var now = bill.Monthly.Expected;
                if (now > before * (1m + (limit / 100m)))
                {
                    var rise = before == 0m ? "from $0.00" : $"by {((now - before) / before * 100m).ToString("0.#", CultureInfo.InvariantCulture)}%";
                    console.Error.WriteLine(new Diagnostic(DiagnosticCodes.GateIncreaseExceeded, null, $"{bill.Deployment.Name}: expected {Money(now)} a month rose {rise} over {Money(before)} in '{path}', more than --max-increase {limit.ToString(CultureInfo.InvariantCulture)}%"));
                    failed = true;
                }
            }
        }
        else if (args.Has(MaxIncrease.Name))
        {
            throw new UsageException(DiagnosticCodes.MissingArgument, "--max-increase needs --against FILE (a JSON report from estimate or compare)");
        }

        return failed ? 1 : 0;
    }

    private static string Money(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Expected monthly totals by "environment/option" from a JSON report Stackplan wrote.</summary>
    private static Dictionary<string, decimal> ReadBaseline(CliConsole console, string path)
    {
        var text = SpecInput.ReadFile(console, path, console.ResolvePath(path), "baseline JSON");
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(text);
            foreach (var d in doc.RootElement.GetProperty("deployments").EnumerateArray())
            {
                var name = $"{d.GetProperty("environment").GetString()}/{d.GetProperty("option").GetString()}";
                totals[name] = d.GetProperty("monthly").GetProperty("expected").GetDecimal();
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(path), "not a JSON report from 'stackplan estimate' or 'compare' (--format json): it needs deployments[].environment, option and monthly.expected");
        }

        return totals;
    }
}
