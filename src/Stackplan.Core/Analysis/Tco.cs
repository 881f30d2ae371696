using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Analysis;

/// <summary>A monthly figure resolved: its amount, the part that is operations labour, and where it came from.</summary>
public sealed record ResolvedFigure(decimal Amount, decimal Labour, string Origin);

/// <summary>One year of a TCO: what each side spends that year (discounted if asked) and in total so far.</summary>
public sealed record TcoYear(int Year, decimal OnPrem, decimal Cloud, decimal OnPremCumulative, decimal CloudCumulative);

/// <summary>A TCO total broken down: the item, the on-prem amount and the cloud amount over the whole horizon.</summary>
public sealed record TcoItem(string Item, decimal OnPrem, decimal Cloud, string Basis);

/// <summary>A month from which the cheaper side (cumulatively) changes: "cloud" or "on-prem" is cheaper from then on.</summary>
public sealed record TcoCrossing(int Month, string CheaperFrom);

public sealed record TcoResult(
    TcoScenario Scenario,
    int Years,
    ResolvedFigure OnPremOperations,
    ResolvedFigure CloudRunRate,
    decimal OnPremMonthlyFirstYear,
    decimal CloudMonthlyFirstYear,
    ImmutableArray<TcoItem> Items,
    ImmutableArray<TcoYear> ByYear,
    int? PaybackMonth,
    ImmutableArray<TcoCrossing> Crossings)
{
    /// <summary>The side cheaper over the whole horizon: "cloud", "on-prem", or "neither" when the totals are equal.</summary>
    public string CheaperOverHorizon => CloudTotal < OnPremTotal ? "cloud" : CloudTotal > OnPremTotal ? "on-prem" : "neither";

    public decimal OnPremTotal => Items.Sum(i => i.OnPrem);

    public decimal CloudTotal => Items.Sum(i => i.Cloud);

    public decimal Saving => OnPremTotal - CloudTotal;

    public decimal SavingRatio => OnPremTotal == 0m ? 0m : Saving / OnPremTotal;

    public decimal MonthlySaving => OnPremMonthlyFirstYear - CloudMonthlyFirstYear;
}

/// <summary>
/// Multi-year total cost of ownership, month by month. On-prem: the hardware bought in month 1
/// (unless already owned) and again every refresh cycle, plus operations and staff each month.
/// Cloud: the one-off migration in month 1, then the run rate and staff each month. Usage grows by
/// <see cref="TcoScenario.GrowthPerYear"/> at each year's start: a run rate (or operations cost)
/// that is a deployment's estimate is estimated again at that year's usage, pods re-sized, so year
/// n's figure is <c>compare --usage</c> at the usage of year n (<see cref="UsageInYear"/>); a
/// stated amount grows by the rate. Staff and hardware prices do not grow. With a discount rate, year n's spending (n from 0) is divided by
/// (1 + rate)^n: a yearly, start-of-year convention, stated so the figures can be checked by hand.
/// </summary>
public static class Tco
{
    /// <summary>
    /// The TCO with each deployment figure estimated by <paramref name="estimator"/> at each year's
    /// usage: today's (the spec's, with <paramref name="usage"/> on top) in year 1, grown from then on.
    /// <paramref name="seen"/> is handed every bill, so the caller can warn about missing prices.
    /// </summary>
    public static TcoResult Compute(TcoScenario scenario, Estimator estimator, PlatformSpec spec, IReadOnlyDictionary<string, ValueRange>? usage, int? years = null, Action<Bill>? seen = null)
    {
        var today = new Dictionary<DeploymentRef, DeploymentModel>();
        return Compute(scenario, (target, year) =>
        {
            if (!today.TryGetValue(target, out var model))
            {
                today[target] = model = estimator.Compile(spec, target, usage);
            }

            var bill = year == 0 ? model.ToBill() : estimator.Estimate(spec, target, UsageInYear(model, usage, scenario.GrowthPerYear, year));
            seen?.Invoke(bill);
            return bill;
        }, years);
    }

    /// <summary>
    /// The usage of a deployment in year <paramref name="year"/> (0 is today): every usage volume it
    /// reads (the spec's and environment's, <paramref name="usage"/>'s, the catalog defaults its
    /// components use) at its expected value x (1 + <paramref name="growthPerYear"/>)^year.
    /// </summary>
    public static IReadOnlyDictionary<string, ValueRange> UsageInYear(DeploymentModel today, IReadOnlyDictionary<string, ValueRange>? usage, decimal growthPerYear, int year)
    {
        var factor = Power(1m + growthPerYear, year);
        var keys = today.Deployment.Usage.Select(u => u.Key)
            .Concat(usage?.Keys ?? [])
            .Concat(today.Deployment.Components.SelectMany(c => c.Component.UsageDefaults.Keys))
            .Where(today.SlotOf.ContainsKey)
            .Distinct(StringComparer.Ordinal);
        return keys.ToDictionary(k => k, k => ValueRange.Exactly(today.Variables[today.SlotOf[k]].Value.Expected * factor), StringComparer.Ordinal);
    }

    /// <summary>
    /// The TCO with <paramref name="estimateInYear"/> giving a named deployment's bill at the usage
    /// of a year of the horizon (0 is the first).
    /// </summary>
    public static TcoResult Compute(TcoScenario scenario, Func<DeploymentRef, int, Bill> estimateInYear, int? years = null)
    {
        var horizon = years ?? scenario.Years;
        var operations = Resolve(scenario.OnPrem.Operations, target => estimateInYear(target, 0));
        var runRate = Resolve(scenario.Cloud.RunRate, target => estimateInYear(target, 0));
        var refreshMonths = scenario.OnPrem.RefreshYears * 12;

        decimal hardware = 0m, onPremOps = 0m, onPremStaff = 0m, migration = 0m, cloudRun = 0m, cloudLabour = 0m, cloudStaff = 0m;
        decimal onPremCumulative = 0m, cloudCumulative = 0m;
        var crossings = ImmutableArray.CreateBuilder<TcoCrossing>();
        var lastSign = 0;
        int? leftAt = null;
        var byYear = ImmutableArray.CreateBuilder<TcoYear>();
        for (var year = 0; year < horizon; year++)
        {
            var growth = Power(1m + scenario.GrowthPerYear, year);
            var discount = 1m / Power(1m + scenario.DiscountRate, year);
            var (operationsNow, operationsGrowth) = InYear(scenario.OnPrem.Operations, operations, year, growth, estimateInYear);
            var (runRateNow, runRateGrowth) = InYear(scenario.Cloud.RunRate, runRate, year, growth, estimateInYear);
            decimal onPremYear = 0m, cloudYear = 0m;
            for (var monthOfYear = 0; monthOfYear < 12; monthOfYear++)
            {
                var month = (year * 12) + monthOfYear;
                var buys = month % refreshMonths == 0 && !(month == 0 && scenario.OnPrem.HardwareOwned);
                var hw = Money.Round((buys ? scenario.OnPrem.Hardware : 0m) * discount);
                var ops = Money.Round(operationsNow.Amount * operationsGrowth * discount);
                var opStaff = Money.Round(scenario.OnPrem.StaffPerMonth * discount);
                var mig = Money.Round((month == 0 ? scenario.Cloud.Migration : 0m) * discount);
                var run = Money.Round((runRateNow.Amount - runRateNow.Labour) * runRateGrowth * discount);
                var labour = Money.Round(runRateNow.Labour * runRateGrowth * discount);
                var clStaff = Money.Round(scenario.Cloud.StaffPerMonth * discount);
                (hardware, onPremOps, onPremStaff) = (hardware + hw, onPremOps + ops, onPremStaff + opStaff);
                (migration, cloudRun, cloudLabour, cloudStaff) = (migration + mig, cloudRun + run, cloudLabour + labour, cloudStaff + clStaff);
                onPremYear += hw + ops + opStaff;
                cloudYear += mig + run + labour + clStaff;
                // Which side is cheaper so far; a change of side is a crossing, dated from the month
                // the old side stopped being cheaper (a tie counts as the start of the change).
                var sign = Math.Sign((cloudCumulative + cloudYear) - (onPremCumulative + onPremYear));
                if (sign != lastSign && lastSign != 0)
                {
                    leftAt ??= month + 1;
                }

                if (sign != 0 && sign != lastSign)
                {
                    if (lastSign != 0)
                    {
                        crossings.Add(new TcoCrossing(leftAt!.Value, sign < 0 ? "cloud" : "on-prem"));
                    }

                    lastSign = sign;
                    leftAt = null;
                }
                else if (sign == lastSign)
                {
                    leftAt = null;
                }
            }

            onPremCumulative += onPremYear;
            cloudCumulative += cloudYear;
            byYear.Add(new TcoYear(year + 1, onPremYear, cloudYear, onPremCumulative, cloudCumulative));
        }

        var buyCount = Enumerable.Range(0, horizon * 12).Count(m => m % refreshMonths == 0 && !(m == 0 && scenario.OnPrem.HardwareOwned));
        TcoItem[] items =
        [
            new("hardware", hardware, 0m, $"{Formats(scenario.OnPrem.Hardware)} x {buyCount} purchase(s): every {scenario.OnPrem.RefreshYears} year(s){(scenario.OnPrem.HardwareOwned ? ", the current hardware already owned" : "")}"),
            new("operations and run rate", onPremOps, cloudRun, $"on-prem {operations.Origin}; cloud {runRate.Origin}{(scenario.GrowthPerYear != 0m && (scenario.OnPrem.Operations.Deployment ?? scenario.Cloud.RunRate.Deployment) is not null ? "; an estimate is made again at each year's grown usage, pods re-sized" : "")}"),
            new("operations labour (hours x rate)", 0m, cloudLabour, runRate.Labour == 0m ? "none in the cloud estimate (the spec has no labour rate, or no component has ops hours)" : $"{Formats(runRate.Labour)}/month from the estimate's operations lines"),
            new("staff", onPremStaff, cloudStaff, $"{Formats(scenario.OnPrem.StaffPerMonth)} vs {Formats(scenario.Cloud.StaffPerMonth)} a month"),
            new("migration (one-off)", 0m, migration, Formats(scenario.Cloud.Migration)),
        ];
        // The move pays back only when the cloud is cheaper (cumulatively) at the end of the horizon,
        // from the last crossing onwards, or from month 1 when it was never dearer.
        int? payback = lastSign < 0 ? crossings.LastOrDefault(c => c.CheaperFrom == "cloud")?.Month ?? 1 : null;
        return new TcoResult(scenario, horizon, operations, runRate,
            operations.Amount + scenario.OnPrem.StaffPerMonth, runRate.Amount + scenario.Cloud.StaffPerMonth,
            [.. items], byYear.ToImmutable(), payback, crossings.ToImmutable());
    }

    private static string Formats(decimal amount) => Model.Formats.MoneyWithSymbol(amount);

    /// <summary>A figure in one year and the multiplier still to apply: a deployment's is re-estimated at that year's usage (x1), a stated amount grows by the rate.</summary>
    private static (ResolvedFigure Figure, decimal Growth) InYear(MonthlyFigure figure, ResolvedFigure first, int year, decimal growth, Func<DeploymentRef, int, Bill> estimateInYear) =>
        figure.Deployment is not null && year > 0 ? (Resolve(figure, t => estimateInYear(t, year)), 1m) : (first, growth);

    private static ResolvedFigure Resolve(MonthlyFigure figure, Func<DeploymentRef, Bill> estimate)
    {
        if (figure.Deployment is not { } target)
        {
            return new ResolvedFigure(figure.Amount ?? 0m, 0m, $"{Formats(figure.Amount ?? 0m)}/month as stated in the spec");
        }

        // Labour is the operations lines ModelBuilder prices at the spec's labour rate (ops hours x rate);
        // other operations lines (a stated staff cost, say) stay in the run rate.
        var bill = estimate(target);
        var labour = bill.Lines.Where(l => l.Category == Category.Operations && l.PriceKey == "labour/hour" && l.Monthly is not null).Sum(l => l.Monthly!.Value.Expected);
        return new ResolvedFigure(bill.Monthly.Expected, labour, $"{Formats(bill.Monthly.Expected)}/month, the estimate of {target}");
    }

    private static decimal Power(decimal x, int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= x;
        }

        return result;
    }
}
