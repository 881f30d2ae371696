using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Resolve;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Pricing;

/// <summary>A named input of the deployment's formulas: its low/expected/high value and where it came from.</summary>
public sealed record Variable(string Name, ValueRange Value, string Origin);

/// <summary>
/// One priced line: quantity x unit price = monthly cost, with the price's provenance.
/// A line whose price no book holds has <see cref="Price"/> null and <see cref="Monthly"/> null:
/// it is reported as missing, never as zero.
/// </summary>
public sealed record LineItem(
    string Id,
    Category Category,
    string Component,
    string Item,
    ValueRange Quantity,
    string Unit,
    string QuantityFormula,
    ImmutableArray<string> Inputs,
    string PriceKey,
    PriceEntry? Price,
    decimal PriceMultiplier,
    string? PriceMultiplierNote,
    ImmutableArray<TierUse> ExpectedTiers,
    ValueRange? Monthly,
    string? Note)
{
    public bool MissingPrice => Price is null;

    /// <summary>Monthly cost over quantity at the expected point: the flat price, or a tiered price's average.</summary>
    public decimal? UnitPrice => Price is null ? null
        : Quantity.Expected == 0m || !Price.IsTiered ? Price.FirstPaidUnitPrice * PriceMultiplier
        : Math.Round(ExpectedTiers.Sum(t => t.Cost) * PriceMultiplier / Quantity.Expected, 8);
}

/// <summary>The priced bill of one deployment.</summary>
public sealed record Bill(
    Deployment Deployment,
    NodePlan Plan,
    ImmutableArray<LineItem> Lines,
    ImmutableArray<Variable> Variables,
    decimal OpsHoursPerMonth,
    ImmutableArray<Diagnostic> Warnings)
{
    /// <summary>The sum of the priced lines, each already rounded to the cent, so the total adds up exactly.</summary>
    public ValueRange Monthly => Lines.Where(l => l.Monthly is not null).Aggregate(ValueRange.Zero, (sum, l) => sum + l.Monthly!.Value);

    public bool IsComplete => Lines.All(l => !l.MissingPrice);

    public IEnumerable<LineItem> MissingPrices => Lines.Where(l => l.MissingPrice);

    public ValueRange CategoryTotal(Category category) =>
        Lines.Where(l => l.Category == category && l.Monthly is not null).Aggregate(ValueRange.Zero, (sum, l) => sum + l.Monthly!.Value);

    public LineItem? FindLine(string id) =>
        Lines.FirstOrDefault(l => string.Equals(l.Id, id, StringComparison.OrdinalIgnoreCase));
}
