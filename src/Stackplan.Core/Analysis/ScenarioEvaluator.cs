using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Analysis;

/// <summary>
/// A <see cref="DeploymentModel"/> specialised for a few varied variables: every line that does not
/// read them is priced once, in decimal, at the expected point and folded into one constant; only
/// the lines that do are evaluated per scenario. <see cref="Evaluate"/> does that in double for
/// searching and sampling (millions of times); <see cref="EvaluateExact"/> does it in decimal, with
/// the cent rounding of the bill, for every figure that is reported.
/// When a varied variable reaches a pod figure (a footprint formula, a workload's replicas), the
/// scenario is re-sized first: pods are re-packed and the node, pod and task variables rewritten, and
/// every line reading them is evaluated per scenario too. When none does, the sizing is folded like
/// any other constant.
/// An instance keeps scratch arrays, so it is not safe to share between threads.
/// </summary>
public sealed class ScenarioEvaluator
{
    private readonly DependentLine[] _lines;
    private readonly int[] _slots;
    private readonly double[] _doubleValues;
    private readonly decimal[] _decimalValues;
    private readonly double _constantAsDouble;
    private readonly double[] _doubleUsed;
    private readonly decimal[] _decimalUsed;

    private ScenarioEvaluator(DeploymentModel model, ImmutableArray<string> varied, int[] slots, DependentLine[] lines, decimal constant, ImmutableArray<string> dependentLineIds, bool resizes)
    {
        Resizes = resizes;
        Model = model;
        VariedKeys = varied;
        _slots = slots;
        _lines = lines;
        Constant = constant;
        DependentLineIds = dependentLineIds;
        _decimalValues = model.ValuesAt(1);
        _doubleValues = [.. _decimalValues.Select(v => (double)v)];
        _constantAsDouble = (double)constant;
        _doubleUsed = new double[model.LadderCount];
        _decimalUsed = new decimal[model.LadderCount];
    }

    public DeploymentModel Model { get; }

    public ImmutableArray<string> VariedKeys { get; }

    /// <summary>True when the varied variables change the pods, so each scenario is re-sized.</summary>
    public bool Resizes { get; }

    /// <summary>The part of the monthly total no varied variable can change, rounded per line like the bill.</summary>
    public decimal Constant { get; }

    /// <summary>The lines evaluated per scenario: those that read a varied variable.</summary>
    public ImmutableArray<string> DependentLineIds { get; }

    /// <summary>
    /// Specialises <paramref name="model"/> for <paramref name="varied"/> (variable names the model has),
    /// counting only the lines <paramref name="include"/> accepts (all when null); <paramref name="variedBy"/>
    /// is the option the varied values come from (<see cref="VariedBy"/>).
    /// </summary>
    public static ScenarioEvaluator Create(DeploymentModel model, IReadOnlyList<string> varied, Func<ModelLine, bool>? include = null, string? variedBy = "--vary")
    {
        // A key the model does not have (a usage key only another deployment's components read)
        // cannot change its cost: its slot is -1 and its values are ignored.
        var slots = varied.Select(k => model.SlotOf.TryGetValue(k, out var s) ? s : -1).ToArray();
        var variedSlots = slots.Where(s => s >= 0).ToHashSet();
        var resizes = model.SizingReads(variedSlots);
        if (resizes)
        {
            // What the sizing writes varies with what it reads.
            var outputs = model.SizingSlots;
            variedSlots.UnionWith([outputs.Nodes, outputs.Pods, .. outputs.GroupNodes, .. outputs.Tasks.SelectMany(t => new[] { t.Replicas, t.VCpu, t.MemoryGb })]);
        }

        var baseValues = model.ValuesAt(1);
        var counted = new List<int>();
        var reads = new bool[model.Lines.Length];
        for (var i = 0; i < model.Lines.Length; i++)
        {
            var line = model.Lines[i];
            if (line.Price is null || (include is not null && !include(line)))
            {
                continue;
            }

            int SlotOf(string name) => model.SlotOf.TryGetValue($"{line.Component}.{name}", out var own) ? own : model.SlotOf[name];

            // A gate with no formula to inspect (not built by ModelBuilder today) is treated as
            // reading everything, so it is never folded by mistake.
            reads[i] = line.Quantity.Variables.Concat(line.When?.Variables ?? []).Select(SlotOf).Any(variedSlots.Contains) || (line.IsWanted is not null && line.When is null);
            counted.Add(i);
        }

        // Lines sharing a tier ladder move together: when one of them varies, where the others'
        // units fall on the ladder varies too, so none of them can be folded into the constant.
        var varyingLadders = counted.Where(i => reads[i] && model.LadderOf[i] >= 0).Select(i => model.LadderOf[i]).ToHashSet();
        var constant = 0m;
        var constantUsed = new decimal[model.LadderCount];
        var dependent = new List<DependentLine>();
        foreach (var i in counted)
        {
            var line = model.Lines[i];
            var ladder = model.LadderOf[i];
            if (!reads[i] && !(ladder >= 0 && varyingLadders.Contains(ladder)))
            {
                constant += ExactCost(model, i, baseValues, constantUsed);
                continue;
            }

            int SlotOf(string name) => model.SlotOf.TryGetValue($"{line.Component}.{name}", out var own) ? own : model.SlotOf[name];
            var price = line.Price!;
            var tiers = price.EffectiveTiers(line.ApplyFreeTiers);
            dependent.Add(new DependentLine(
                line,
                i,
                ladder,
                line.Quantity.CompileDouble(SlotOf),
                line.When is null ? null : line.When.CompileDouble(SlotOf),
                (double)line.PriceMultiplierOf(baseValues),
                [.. tiers.Select(t => (double)t.From)],
                [.. tiers.Select(t => t.To is { } to ? (double)to : double.PositiveInfinity)],
                [.. tiers.Select(t => (double)t.UnitPrice)]));
        }

        return new ScenarioEvaluator(model, [.. varied], slots, [.. dependent], constant, [.. dependent.Select(d => d.Line.Id)], resizes) { VariedBy = variedBy };
    }

    /// <summary>
    /// The option that set the varied values, as an error names it when one of them leaves a formula
    /// without a value (a sweep through 0 of a divisor): the command line has no file:line:column.
    /// Null when the values are drawn from the spec's own ranges (Monte Carlo), which are blamed where written.
    /// </summary>
    public string? VariedBy { get; private init; } = "--vary";

    /// <summary>The monthly total at these values of the varied variables, in double: for search and sampling only.</summary>
    public double Evaluate(ReadOnlySpan<double> varied)
    {
        try
        {
            return EvaluateFast(varied);
        }
        catch (ArithmeticException) when (Fault(Decimals(varied)) is { } fault)
        {
            throw fault;
        }
    }

    /// <summary>The monthly total at these values, in decimal with the bill's cent rounding: what is reported.</summary>
    public decimal EvaluateExact(ReadOnlySpan<decimal> varied)
    {
        try
        {
            return EvaluateDecimal(varied);
        }
        catch (ArithmeticException) when (Fault(varied.ToArray()) is { } fault)
        {
            throw fault;
        }
    }

    private static decimal[] Decimals(ReadOnlySpan<double> varied)
    {
        var values = new decimal[varied.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = double.IsFinite(varied[i]) && Math.Abs(varied[i]) < 7.9e28 ? (decimal)varied[i] : 0m;
        }

        return values;
    }

    /// <summary>The input error for a scenario with no value, at the varied key or spec value that caused it.</summary>
    private InputException? Fault(decimal[] varied)
    {
        var values = Model.ValuesAt(1);
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] >= 0)
            {
                values[_slots[i]] = varied[i];
            }
        }

        return Model.ScenarioError(values, _slots, VariedKeys, VariedBy);
    }

    private double EvaluateFast(ReadOnlySpan<double> varied)
    {
        var values = _doubleValues;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] >= 0)
            {
                values[_slots[i]] = varied[i];
            }
        }

        if (Resizes)
        {
            Model.Sizer.Apply(values, Model.SizingSlots);
        }

        var total = _constantAsDouble;
        Array.Clear(_doubleUsed);
        foreach (var line in _lines)
        {
            if (line.Wanted is not null && line.Wanted(values) == 0)
            {
                continue;
            }

            var quantity = Math.Max(0, line.Quantity(values));
            double cost;
            if (line.Ladder < 0)
            {
                cost = line.CostUpTo(quantity);
            }
            else
            {
                var before = _doubleUsed[line.Ladder];
                _doubleUsed[line.Ladder] = before + quantity;
                cost = line.CostUpTo(before + quantity) - line.CostUpTo(before);
            }

            total += Math.Round(cost * line.Multiplier * 100, MidpointRounding.AwayFromZero) / 100;
        }

        return total;
    }

    private decimal EvaluateDecimal(ReadOnlySpan<decimal> varied)
    {
        var values = _decimalValues;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] >= 0)
            {
                values[_slots[i]] = varied[i];
            }
        }

        if (Resizes)
        {
            Model.Sizer.Apply(values, Model.SizingSlots);
        }

        var total = Constant;
        Array.Clear(_decimalUsed);
        foreach (var line in _lines)
        {
            total += ExactCost(Model, line.Index, values, _decimalUsed);
        }

        return total;
    }

    /// <summary>One line's cost exactly as <see cref="DeploymentModel.MonthlyTotal"/> counts it, on its shared ladder.</summary>
    private static decimal ExactCost(DeploymentModel model, int index, decimal[] values, decimal[] used)
    {
        var line = model.Lines[index];
        return line.IsWanted is not null && line.IsWanted(values) == 0m ? 0m
            : Money.Round(model.CostOnLadder(index, Math.Max(0m, line.QuantityOf(values)), used) * line.PriceMultiplierOf(values));
    }

    private sealed record DependentLine(
        ModelLine Line,
        int Index,
        int Ladder,
        Func<double[], double> Quantity,
        Func<double[], double>? Wanted,
        double Multiplier,
        double[] From,
        double[] To,
        double[] UnitPrice)
    {
        /// <summary>The cost of the first <paramref name="quantity"/> units of the ladder, unrounded.</summary>
        public double CostUpTo(double quantity)
        {
            var cost = 0.0;
            for (var t = 0; t < From.Length; t++)
            {
                if (quantity <= From[t])
                {
                    break;
                }

                cost += (Math.Min(quantity, To[t]) - From[t]) * UnitPrice[t];
            }

            return cost;
        }
    }
}
