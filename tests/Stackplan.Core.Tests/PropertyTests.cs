using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Stackplan.Core.Formulas;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;

namespace Stackplan.Core.Tests;

/// <summary>
/// Properties that must hold for any usage values, not just the examples': a bill's total is the
/// sum of its lines, the decimal and double formula paths agree, and spec to JSON to numbers is
/// deterministic. FsCheck generates the inputs and shrinks a failure to its smallest case.
/// </summary>
public sealed class PropertyTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();
    private static readonly PlatformSpec Spec = Examples.Spec("nist-observability");

    /// <summary>A usage volume from 0 to 1e6 with up to 3 decimals, as specs write them.</summary>
    private static Arbitrary<decimal> Volume { get; } =
        Gen.Choose(0, 1_000_000_000).Select(n => n / 1000m).ToArbitrary();

    private static Dictionary<string, ValueRange> Usage(decimal logs, decimal series, decimal traces) => new(StringComparer.Ordinal)
    {
        ["logs_gb_per_day"] = ValueRange.Exactly(logs),
        ["active_series"] = ValueRange.Exactly(series),
        ["traces_per_month"] = ValueRange.Exactly(traces * 1000m),
    };

    [Fact]
    public void A_bills_total_is_the_sum_of_its_priced_lines_at_every_point()
    {
        var deployments = Spec.DeploymentsToCompare();
        Prop.ForAll(Volume, Volume, Volume, (logs, series, traces) =>
        {
            foreach (var target in deployments)
            {
                var bill = Estimator.Estimate(Spec, target, Usage(logs, series, traces));
                var priced = bill.Lines.Where(l => l.Monthly is not null).Select(l => l.Monthly!.Value).ToList();
                if (bill.Monthly.Low != priced.Sum(m => m.Low) || bill.Monthly.Expected != priced.Sum(m => m.Expected) || bill.Monthly.High != priced.Sum(m => m.High))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void The_decimal_and_double_paths_of_every_catalog_formula_agree()
    {
        var formulas = Estimator.Catalog.Components
            .SelectMany(c => c.Costs.Concat(c.Modes.SelectMany(m => m.Costs)))
            .SelectMany(r => r.When is null ? [r.Quantity] : new[] { r.Quantity, r.When })
            .DistinctBy(f => f.Text)
            .ToList();
        formulas.Count.ShouldBeGreaterThan(50);
        var values = Gen.Choose(1, 100_000_000).Select(n => n / 100m);
        Prop.ForAll(Gen.Elements(formulas.ToArray()).ToArbitrary(), Gen.ArrayOf(values, 16).ToArbitrary(), (formula, sample) =>
        {
            var slots = formula.Variables.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
            var exact = formula.Variables.Select((_, i) => sample[i % sample.Length]).ToArray();
            decimal expected;
            try
            {
                expected = formula.Compile(n => slots[n])(exact);
            }
            catch (ArithmeticException)
            {
                // No value in decimal (an overflow): the double path must not present a finite one as the answer either way; skip.
                return true;
            }

            var fast = formula.CompileDouble(n => slots[n])([.. exact.Select(v => (double)v)]);
            var tolerance = Math.Max(1e-6, Math.Abs((double)expected) * 1e-9);
            return Math.Abs(fast - (double)expected) <= tolerance;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Division_by_zero_is_an_error_in_both_paths_never_a_number()
    {
        var formula = Formula.Parse("a / b");
        Prop.ForAll(Volume, a =>
        {
            var decimalFails = Throws(() => formula.Compile(n => n == "a" ? 0 : 1)([a, 0m]));
            var doubleFails = Throws(() => formula.CompileDouble(n => n == "a" ? 0 : 1)([(double)a, 0.0]));
            return decimalFails && doubleFails;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Spec_to_json_to_numbers_is_deterministic_and_the_json_total_is_the_bills()
    {
        var deployments = Spec.DeploymentsToCompare();
        Prop.ForAll(Volume, Volume, (logs, series) =>
        {
            var usage = Usage(logs, series, 10m);
            var first = Json(usage);
            var again = Json(usage);
            if (first != again)
            {
                return false;
            }

            using var doc = JsonDocument.Parse(first);
            var totals = doc.RootElement.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("monthly").GetProperty("expected").GetDecimal()).ToList();
            return totals.SequenceEqual(deployments.Select(t => Estimator.Estimate(Spec, t, usage).Monthly.Expected));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(15));
    }

    private static string Json(IReadOnlyDictionary<string, ValueRange> usage)
    {
        var report = new EstimateReport(Spec, Estimator.Prices, Estimator.EstimateAll(Spec, usageOverrides: usage));
        using var stream = new MemoryStream();
        new JsonRenderer().Write(report, new RenderSettings(), stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (FormulaEvaluationException)
        {
            return true;
        }
    }
}
