using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Reports;

public static class MigrationDocument
{
    public static AnalysisDocument Build(MigrationPlan plan)
    {
        static string Name(MigrationDecision d) => d.ToString().ToLowerInvariant();
        var steps = plan.Steps.Select(s => (ImmutableArray<Cell>)
        [
            Cell.Value(s.Phase), s.Capability, s.From ?? "-", s.To ?? "-", Name(s.Decision),
            Cell.Money(s.FromMonthly), Cell.Money(s.ToMonthly),
            s.Decision == MigrationDecision.Undecided ? Cell.Of("unknown") : Cell.Money(s.Saving),
            s.Decision == MigrationDecision.Undecided ? Cell.Of("unknown") : s.SavingRatio is { } r ? new Cell(Formats.Percent(r), Math.Round(r, 4)) : Cell.Of("-"),
            s.Threshold is { } t ? Cell.Of($"{t.Key} = {Formats.Number(t.Value)}") : Cell.Of("-"),
            Cell.Value(s.EffortDays), s.Risk.ToString().ToLowerInvariant(), s.Reason, s.EffortSource,
        ]);
        var phases = plan.Phases.Select(p => (ImmutableArray<Cell>)
        [
            Cell.Value(p.Number), p.Name,
            string.Join(", ", p.Steps.Select(s => s.From == s.To ? s.From! : $"{s.From ?? "(none)"} -> {s.To ?? "(none)"}")),
            p.Steps.Any(s => s.Decision == MigrationDecision.Undecided) ? Cell.Of("unknown") : Cell.Money(p.Saving), Cell.Value(p.EffortDays),
        ]);
        var moving = plan.Steps.Where(s => s.Decision is not MigrationDecision.Keep).ToList();
        return new AnalysisDocument(
            "migrate",
            $"Migration plan: {plan.From} to {plan.To}",
            [$"{plan.From} costs {Formats.MoneyWithSymbol(plan.FromTotal)} a month; {plan.To} costs {Formats.MoneyWithSymbol(plan.ToTotal)}. " +
             $"{moving.Count} capability(ies) change, {plan.Steps.Length - moving.Count} stay; the changes save {Formats.MoneyWithSymbol(moving.Sum(s => s.Saving))} a month for {Formats.Number(moving.Sum(s => s.EffortDays))} day(s) of effort.",
             "A component's monthly cost is its own line items plus its CPU share of the node lines; platform pieces every deployment has (control plane, NAT) and the spec's own line items are outside the components, so the steps need not add up to the totals."],
            [("From", Cell.Of(plan.From)), ("To", Cell.Of(plan.To))],
            [
                new ResultTable("Replacement plan", ["Phase", "Capability", "Current", "Replacement", "Decision", "Current $/month", "Replacement $/month", "Saving", "Saving ratio", "Threshold", "Effort days", "Risk", "Reason", "Effort source"], [.. steps]),
                new ResultTable("Phases", ["Phase", "Name", "Steps", "Monthly saving", "Effort days"], [.. phases]),
            ]);
    }
}
