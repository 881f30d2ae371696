using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Resolve;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Pricing;

/// <summary>
/// A named input of the deployment's formulas: its low/expected/high value and where it came from.
/// <see cref="Input"/> is set when the user gave the value (a spec setting or usage key, a --usage
/// option): a formula that has no value because of it is reported there, not at the catalog.
/// </summary>
public sealed record Variable(string Name, ValueRange Value, string Origin)
{
    public ValueInput? Input { get; init; }
}

/// <summary>
/// A value the user gave: <paramref name="What"/> as a message names it ("loki setting
/// 'compression_ratio'", "usage 'users'", "--usage users") and <paramref name="At"/>, where it is
/// written, null for a command-line option (What starts with "--"), which has no place in a file,
/// or for a value an analysis's own search tried.
/// </summary>
public sealed record ValueInput(string What, SourceLocation? At);

/// <summary>
/// One priced line: quantity x unit price = monthly cost, with the price's provenance.
/// A line whose price no book holds has <see cref="Price"/> null and <see cref="Monthly"/> null:
/// it is reported as missing, never as zero. A tiered price is one ladder per deployment: when
/// <see cref="LinesOnLadder"/> lines share it, this line's quantity starts at <see cref="TierStart"/>
/// (what the lines before it in the bill used) and <see cref="Monthly"/> is its share.
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
    string? Note,
    decimal TierStart = 0m,
    int LinesOnLadder = 1,
    string? MissingHint = null,
    string? Resource = null)
{
    public bool MissingPrice => Price is null;

    /// <summary>Monthly cost over quantity at the expected point: the flat price, or a tiered price's average.</summary>
    public decimal? UnitPrice => Price is null ? null
        : Quantity.Expected == 0m || !Price.IsTiered ? Price.FirstPaidUnitPrice * PriceMultiplier
        // Divided by 1.000...: the shortest scale, so 0.023 is written 0.023, not 0.02300.
        : Math.Round(ExpectedTiers.Sum(t => t.Cost) * PriceMultiplier / Quantity.Expected, 8) / 1.000000000000000000000000000000000m;
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
