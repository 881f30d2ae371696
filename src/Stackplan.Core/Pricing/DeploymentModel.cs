using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Formulas;
using Stackplan.Core.Resolve;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Pricing;

/// <summary>A line of a compiled model: its formulas bound to variable slots and its price looked up once.</summary>
public sealed record ModelLine(
    string Id,
    Category Category,
    string Component,
    string Item,
    string Unit,
    Formula Quantity,
    Func<decimal[], decimal> QuantityOf,
    Func<decimal[], decimal>? IsWanted,
    Func<decimal[], decimal> PriceMultiplierOf,
    string? PriceMultiplierNote,
    string PriceKey,
    PriceEntry? Price,
    bool ApplyFreeTiers,
    string? Note,
    Formula? When = null,
    string? MissingHint = null,
    bool SharesLadder = true,
    string? Resource = null);

/// <summary>
/// A deployment compiled for evaluation: the variables (usage, environment facts, settings,
/// node counts) in slots, and every line's formulas bound to those slots. Evaluating it for a
/// new set of values costs a few delegate calls per line and allocates nothing, which is what
/// sweeps, break-even searches and Monte Carlo runs need.
/// </summary>
public sealed class DeploymentModel
{
    internal DeploymentModel(Deployment deployment, NodePlan plan, ImmutableArray<Variable> variables, ImmutableArray<ModelLine> lines, decimal opsHours, ImmutableArray<Diagnostic> warnings, Sizer sizer, SizingSlots sizingSlots)
    {
        Sizer = sizer;
        SizingSlots = sizingSlots;
        Deployment = deployment;
        Plan = plan;
        Variables = variables;
        Lines = lines;
        OpsHoursPerMonth = opsHours;
        Warnings = warnings;
        var slots = new Dictionary<string, int>(variables.Length, StringComparer.Ordinal);
        for (var i = 0; i < variables.Length; i++)
        {
            slots[variables[i].Name] = i;
        }

        SlotOf = slots;

        // A tier ladder belongs to the account, not to a line: every line of this deployment priced
        // by the same tiered entry climbs one ladder, in bill order. Flat prices need no ladder.
        var ladders = new Dictionary<string, int>(StringComparer.Ordinal);
        var ladderOf = new int[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            ladderOf[i] = -1;
            if (lines[i].Price is { IsTiered: true } price && lines[i].SharesLadder)
            {
                var id = price.Book + "|" + price.Key + "|" + price.Region;
                if (!ladders.TryGetValue(id, out var ladder))
                {
                    ladder = ladders.Count;
                    ladders[id] = ladder;
                }

                ladderOf[i] = ladder;
            }
        }

        LadderOf = ladderOf;
        LadderCount = ladders.Count;
    }

    /// <summary>The shared tier ladder of each line (by index in <see cref="Lines"/>), or -1 when it has none.</summary>
    internal int[] LadderOf { get; }

    internal int LadderCount { get; }

    /// <summary>
    /// One line's cost before rounding: its quantity priced on its ladder after what earlier lines
    /// of the same ladder used (<paramref name="used"/> is updated), or on its own when it has none.
    /// </summary>
    internal decimal CostOnLadder(int index, decimal quantity, Span<decimal> used)
    {
        var line = Lines[index];
        var ladder = LadderOf[index];
        if (ladder < 0)
        {
            return line.Price!.CostOf(quantity, line.ApplyFreeTiers);
        }

        var before = used[ladder];
        used[ladder] = before + quantity;
        return line.Price!.CostOf(quantity, line.ApplyFreeTiers, before);
    }

    public Deployment Deployment { get; }

    /// <summary>The pods' replicas, CPU and memory formulas, checked for the value at fault when a re-sizing fails.</summary>
    internal ImmutableArray<BoundFormula> PodFormulas { get; init; } = [];

    public NodePlan Plan { get; }

    /// <summary>The deployment's pods bound to its variables: analyses re-size with it when a varied key reaches a pod figure.</summary>
    public Sizer Sizer { get; }

    /// <summary>The variables the sizing writes (nodes, pods, each group's nodes, serverless tasks).</summary>
    public SizingSlots SizingSlots { get; }

    /// <summary>True when varying any of <paramref name="slots"/> changes pods, and so nodes.</summary>
    public bool SizingReads(IEnumerable<int> slots) => slots.Any(s => Sizer.Reads.Contains(s));

    public ImmutableArray<Variable> Variables { get; }

    public ImmutableArray<ModelLine> Lines { get; }

    public decimal OpsHoursPerMonth { get; }

    public ImmutableArray<Diagnostic> Warnings { get; }

    /// <summary>Each variable's slot in a value array, by name; read-only once built.</summary>
    public IReadOnlyDictionary<string, int> SlotOf { get; }

    /// <summary>The variables' values at one point of their ranges: 0 low, 1 expected, 2 high.</summary>
    public decimal[] ValuesAt(int point)
    {
        var values = new decimal[Variables.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var range = Variables[i].Value;
            values[i] = point switch { 0 => range.Low, 1 => range.Expected, _ => range.High };
        }

        return values;
    }

    /// <summary>The monthly total for one set of variable values (pods re-sized at them), unrounded; lines with no price count as zero here, so callers check <see cref="Bill.IsComplete"/>.</summary>
    public decimal MonthlyTotal(decimal[] values)
    {
        if (!Sizer.Reads.IsEmpty)
        {
            // Pods that follow usage are re-sized at these values, as an estimate with that usage would be.
            values = (decimal[])values.Clone();
            Sizer.Apply(values, SizingSlots);
        }

        var total = 0m;
        Span<decimal> used = LadderCount <= 16 ? stackalloc decimal[LadderCount] : new decimal[LadderCount];
        for (var i = 0; i < Lines.Length; i++)
        {
            var line = Lines[i];
            if (line.Price is not null && (line.IsWanted is null || line.IsWanted(values) != 0m))
            {
                total += Money.Round(CostOnLadder(i, Math.Max(0m, line.QuantityOf(values)), used) * line.PriceMultiplierOf(values));
            }
        }

        return total;
    }

    /// <summary>
    /// Evaluates every line at the low, expected and high points and returns the bill.
    /// Throws <see cref="InputException"/> (SP2014) naming the line and its formula when a value
    /// has no result (a division by zero) or is beyond decimal's range (about 7.9e28).
    /// </summary>
    public Bill ToBill()
    {
        ModelLine? current = null;
        var pricing = false;
        try
        {
            var bill = Evaluate(ref current, ref pricing);
            _ = bill.Monthly; // the total can overflow even when every line fits
            return bill;
        }
        catch (ArithmeticException e)
        {
            throw pricing && current is not null ? PricingError(current) : EvaluationError(current, e);
        }
    }

    /// <summary>
    /// A quantity that fits but whose cost does not: the price times the quantity, not the
    /// formula, is what is too large; said at the spec's own price when the price is the spec's.
    /// </summary>
    private InputException PricingError(ModelLine line)
    {
        var own = line.Price?.Book == "spec" ? Deployment.Spec.Prices.FirstOrDefault(p => p.Key == line.PriceKey) : null;
        return new InputException(
            DiagnosticCodes.ResultOverflow,
            own?.Location ?? Deployment.Environment.Location,
            $"{Deployment.Name}: {line.Component} '{line.Item}': its quantity times price '{line.PriceKey}' is beyond the largest amount Stackplan computes (about 7.9e28)",
            own is not null ? "check this price and the usage volumes the line reads" : "check the usage volumes the line reads");
    }

    /// <summary>
    /// The error for a line whose value cannot be computed: at the spec value or --usage option that
    /// caused it when one did (<see cref="InputBlame"/>), else at its formula, where it was written, and why.
    /// </summary>
    internal InputException EvaluationError(ModelLine? line, ArithmeticException e)
    {
        var why = e is FormulaEvaluationException ? e.Message : "the result is beyond the largest amount Stackplan computes (about 7.9e28)";
        if (line is null)
        {
            return new InputException(DiagnosticCodes.InvalidFormula, Deployment.Environment.Location, $"{Deployment.Name}: the monthly total: {why}");
        }

        var what = WhatIs(line);
        if (InputBlame.Find(Variables, SlotOf, FormulasOf(line), [ValuesAt(0), ValuesAt(1), ValuesAt(2)], Deployment.Name, Deployment.Environment.Location) is { } blamed)
        {
            return blamed;
        }

        var origin = e is FormulaEvaluationException && line.Quantity.Variables.FirstOrDefault(v => e.Message.Contains($"'{v}'", StringComparison.Ordinal)) is { } name
            && Variables.FirstOrDefault(v => v.Name == name || v.Name == $"{line.Component}.{name}") is { } variable ? $" ({variable.Origin})" : "";
        return new InputException(
            DiagnosticCodes.InvalidFormula,
            line.Quantity.Location ?? Deployment.Environment.Location,
            $"{what}: {why}{origin} in '{line.Quantity.Text}'",
            "check the usage volumes and settings the formula reads");
    }

    /// <summary>
    /// The error for a scenario an analysis tried that has no value: at the varied key, named by
    /// <paramref name="variedBy"/> (the option that varied it), when its value caused it; else at the
    /// value the spec wrote; null when no formula is at fault (the total itself is beyond decimal).
    /// </summary>
    internal InputException? ScenarioError(decimal[] values, int[] variedSlots, IReadOnlyList<string> variedKeys, string? variedBy)
    {
        ValueInput? VariedInput(int slot) => variedBy is not null && Array.IndexOf(variedSlots, slot) is var i and >= 0 ? new ValueInput($"{variedBy} {variedKeys[i]}", null) : null;
        var formulas = PodFormulas.Concat(Lines.SelectMany(FormulasOf));
        return InputBlame.Find(Variables, SlotOf, formulas, [values], Deployment.Name, Deployment.Environment.Location, VariedInput);
    }

    private string WhatIs(ModelLine line) => line.Quantity.Purpose is { } purpose ? ModelBuilder.ProviderNames(Deployment.Provider, purpose) : $"line '{line.Id}' of {Deployment.Name}";

    private IEnumerable<BoundFormula> FormulasOf(ModelLine line) =>
        line.When is { } when ? [new(when, line.Component, WhatIs(line) + " (when)"), new(line.Quantity, line.Component, WhatIs(line))] : [new(line.Quantity, line.Component, WhatIs(line))];

    private Bill Evaluate(ref ModelLine? current, ref bool pricing)
    {
        var points = new[] { ValuesAt(0), ValuesAt(1), ValuesAt(2) };
        var items = ImmutableArray.CreateBuilder<LineItem>(Lines.Length);
        var negative = new List<Diagnostic>();
        var used = new[] { new decimal[LadderCount], new decimal[LadderCount], new decimal[LadderCount] };
        var linesOnLadder = new int[LadderCount];
        foreach (var ladder in LadderOf)
        {
            if (ladder >= 0)
            {
                linesOnLadder[ladder]++;
            }
        }

        for (var index = 0; index < Lines.Length; index++)
        {
            var line = Lines[index];

            current = line;
            // Plain loops over the three points: LINQ over decimals is compiled at every start-up.
            var wanted = new bool[3];
            var quantities = new decimal[3];
            var multipliers = new decimal[3];
            for (var i = 0; i < 3; i++)
            {
                wanted[i] = line.IsWanted is null || line.IsWanted(points[i]) != 0m;
                quantities[i] = wanted[i] ? line.QuantityOf(points[i]) : 0m;
                multipliers[i] = line.PriceMultiplierOf(points[i]);
            }

            if (quantities.Min() < 0m)
            {
                // Nothing is bought in negative amounts: the line counts as none, and says so.
                negative.Add(new Diagnostic(DiagnosticCodes.NegativeQuantity, line.Quantity.Location, $"{line.Id}: the quantity '{line.Quantity.Text}' comes to {quantities.Min()} {line.Unit}; the line counts it as 0"));
                for (var i = 0; i < 3; i++)
                {
                    quantities[i] = Math.Max(0m, quantities[i]);
                }
            }

            if (!wanted[0] && !wanted[1] && !wanted[2])
            {
                continue;
            }

            ValueRange? monthly = null;
            var tiers = ImmutableArray<TierUse>.Empty;
            var ladder = LadderOf[index];
            var startsAt = ladder >= 0 ? used[1][ladder] : 0m;
            if (line.Price is { } price)
            {
                var costs = new decimal[3];
                pricing = true;
                for (var i = 0; i < 3; i++)
                {
                    costs[i] = Money.Round(CostOnLadder(index, quantities[i], used[i]) * multipliers[i]);
                }

                monthly = ValueRange.OfPoints(costs[0], costs[1], costs[2]);
                tiers = price.Cost(quantities[1], line.ApplyFreeTiers, startsAt).Uses;
                pricing = false;
            }

            items.Add(new LineItem(
                line.Id,
                line.Category,
                line.Component,
                line.Item,
                ValueRange.OfPoints(quantities[0], quantities[1], quantities[2]),
                line.Unit,
                line.Quantity.Text,
                line.Quantity.Variables,
                line.PriceKey,
                line.Price,
                multipliers[1],
                line.PriceMultiplierNote,
                tiers,
                monthly,
                line.Note,
                startsAt,
                ladder >= 0 ? linesOnLadder[ladder] : 1,
                line.Price is null ? line.MissingHint : null,
                line.Resource));
        }

        current = null;
        var missing = items.Where(l => l.MissingPrice)
            .Select(l => Diagnostic.Warning(DiagnosticCodes.MissingPrice, $"MISSING PRICE: {l.Id} needs '{l.PriceKey}' in {Deployment.Where}, which no price book holds" +
                (l.MissingHint is { } hint ? $" ({hint})" : "") + "; the total leaves it out"));
        return new Bill(Deployment, Plan, items.ToImmutable(), Variables, OpsHoursPerMonth, [.. Warnings, .. negative, .. missing]);
    }
}
