using System.Globalization;
using Stackplan.Core.Formulas;
using Stackplan.Core.Model;

namespace Stackplan.Core.Pricing;

/// <summary>
/// A catalog formula, bound to a deployment's variables, that is checked for faults after a
/// compiled evaluation failed: <paramref name="Component"/> is the id whose settings it reads first
/// (null for one that reads only global names), <paramref name="What"/> names it in messages
/// ("component loki.costs.log chunks.quantity", "kafka-strimzi pod 'broker' replicas").
/// </summary>
internal sealed record BoundFormula(Formula Formula, string? Component, string What);

/// <summary>
/// Turns a formula with no value (a division by zero, an overflow, clamp() with crossed bounds)
/// into an input error at the value the user gave that caused it: the spec setting or usage key
/// at its file:line:column, or the command-line option that set it. The catalog formula is only
/// named, since the user cannot fix the catalog; when no value of the user's is involved, the
/// error is the catalog's and is located at the formula.
/// </summary>
internal static class InputBlame
{
    /// <summary>
    /// The error for the first of <paramref name="formulas"/> that has no value at one of
    /// <paramref name="points"/>; null when all of them evaluate (the fault is elsewhere).
    /// <paramref name="inputOf"/> may say that a variable's value came from somewhere else than
    /// the variable records (an analysis that varies it).
    /// </summary>
    public static InputException? Find(
        IReadOnlyList<Variable> variables,
        IReadOnlyDictionary<string, int> slotOf,
        IEnumerable<BoundFormula> formulas,
        IEnumerable<decimal[]> points,
        string deployment,
        SourceLocation fallback,
        Func<int, ValueInput?>? inputOf = null)
    {
        foreach (var values in points)
        {
            foreach (var bound in formulas)
            {
                int Slot(string name) => bound.Component is not null && slotOf.TryGetValue($"{bound.Component}.{name}", out var own) ? own : slotOf.TryGetValue(name, out var global) ? global : -1;
                if (bound.Formula.Variables.Any(v => Slot(v) < 0) || bound.Formula.FindFault(name => values[Slot(name)]) is not { } fault)
                {
                    continue;
                }

                return Error(variables, bound, fault, values, Slot, deployment, fallback, inputOf);
            }
        }

        return null;
    }

    private static InputException Error(IReadOnlyList<Variable> variables, BoundFormula bound, FormulaFault fault, decimal[] values, Func<string, int> slot, string deployment, SourceLocation fallback, Func<int, ValueInput?>? inputOf)
    {
        var formula = bound.Formula;
        var where = formula.Location is { } at ? $" ({at})" : "";
        var culprit = fault.Culprits.Select(name => (Name: name, Slot: slot(name)))
            .Select(c => (c.Name, c.Slot, Input: inputOf?.Invoke(c.Slot) ?? variables[c.Slot].Input))
            .FirstOrDefault(c => c.Input is not null);
        if (culprit.Input is not { } input)
        {
            // No value of the user's is involved: the catalog's formula is at fault, where it is written.
            var origin = fault.Culprits.Select(n => variables[slot(n)]).FirstOrDefault() is { } v ? $" ({v.Origin})" : "";
            return new InputException(DiagnosticCodes.InvalidFormula, formula.Location ?? fallback, $"{bound.What}: {fault.Reason}{origin} in '{formula.Text}'", "check the usage volumes and settings the formula reads");
        }

        var value = values[culprit.Slot].ToString(CultureInfo.InvariantCulture);
        var hint = fault.Reason.StartsWith("division by zero", StringComparison.Ordinal)
            ? $"give {input.What} a value above 0"
            : fault.Reason == FaultFinder.TooLarge ? $"give {input.What} a smaller value" : $"check {input.What}";
        // A value with no place in a file came from a command-line option (said as typed), or from a search the analysis made itself.
        var said = input.At is not null ? $"{input.What} = {value}"
            : input.What.StartsWith("--", StringComparison.Ordinal) ? $"{input.What}={value} (on the command line)"
            : $"{input.What} at {value}";
        var message = $"{deployment}: {said} leaves {bound.What} with no value ({fault.Reason}) in '{formula.Text}'{where}";
        return input.At is { } written
            ? new InputException(DiagnosticCodes.InvalidFormula, written, message, hint)
            : new InputException([new Diagnostic(DiagnosticCodes.InvalidFormula, null, message, hint)]);
    }
}
