using Stackplan.Core.Model;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Reports;

/// <summary>
/// Writes the derivation of a figure: a line item (quantity formula with each input's value and
/// origin, the price with its source and tiers, the product), a category or the total.
/// </summary>
public static class Explainer
{
    /// <summary>Explains <paramref name="target"/> (a line id, a category, or "total"); false when there is no such figure.</summary>
    public static bool TryWrite(Bill bill, string target, TextWriter o)
    {
        if (target.Equals("total", StringComparison.OrdinalIgnoreCase))
        {
            WriteSum(bill, "total", bill.Lines, o);
            return true;
        }

        if (Enum.TryParse<Category>(target, ignoreCase: true, out var category))
        {
            WriteSum(bill, Formats.Kebab(category), bill.Lines.Where(l => l.Category == category), o);
            return true;
        }

        if (bill.FindLine(target) is not { } line)
        {
            return false;
        }

        WriteLine(bill, line, o);
        return true;
    }

    public static void WriteLine(Bill bill, LineItem line, TextWriter o)
    {
        o.Write($"{bill.Deployment.Name}  {line.Id}  ({Formats.Kebab(line.Category)})\n");
        o.Write($"  {line.Item}\n\n");
        o.Write($"  quantity = {line.QuantityFormula}\n");
        o.Write($"           = {Formats.Number(line.Quantity.Expected)} {line.Unit}");
        o.Write(line.Quantity.IsExact ? "\n" : $"   (low {Formats.Number(line.Quantity.Low)}, high {Formats.Number(line.Quantity.High)})\n");

        // What the estimate warned about this line (a negative quantity counted as none) belongs beside the figure it changed.
        foreach (var warning in bill.Warnings.Where(w => w.Message.StartsWith(line.Id + ":", StringComparison.Ordinal)))
        {
            o.Write($"    ! {warning.Code.Id} {warning.Message}\n");
        }

        foreach (var name in line.Inputs)
        {
            var variable = bill.Variables.FirstOrDefault(v => v.Name == $"{line.Component}.{name}") ?? bill.Variables.FirstOrDefault(v => v.Name == name);
            if (variable is not null)
            {
                o.Write($"    {name} = {Show(variable.Value)}   <- {variable.Origin}\n");
            }
        }

        o.Write('\n');
        if (line.Price is not { } price)
        {
            o.Write($"  unit price: MISSING. No price book holds '{line.PriceKey}' for {bill.Deployment.Where}.\n");
            o.Write("  The total leaves this line out. Add the price under 'prices:' in the spec, or import an AWS Price List file.\n");
            return;
        }

        o.Write($"  unit price = {Formats.UnitPrice(price.FirstPaidUnitPrice)} per {price.Unit}   ({line.PriceKey}, {price.Region})\n");
        o.Write($"    source: {price.Source}\n    as of {price.AsOf}, book {price.Book}\n");
        if (price.RateCode.Length > 0)
        {
            o.Write($"    rate code: {price.RateCode}\n");
        }

        if (line.LinesOnLadder > 1)
        {
            o.Write($"    one tier ladder per account: {line.LinesOnLadder} lines of this deployment use '{line.PriceKey}', in bill order; this line's units start at {Formats.Number(line.TierStart)}\n");
        }

        if (price.IsTiered)
        {
            o.Write(bill.Deployment.Spec.ApplyFreeTiers ? "    tiers (free tiers applied, as the spec asks):\n" : "    tiers (free tiers not applied: they are account-wide; set freeTiers: true to apply them):\n");
            foreach (var use in line.ExpectedTiers)
            {
                var to = use.Tier.To is { } t ? Formats.Number(t) : "and above";
                o.Write($"      {Formats.Number(use.Tier.From)} to {to}: {Formats.Number(use.Quantity)} x {Formats.UnitPrice(use.Tier.UnitPrice)} = ${use.Cost:0.00####}\n");
            }
        }

        if (line.PriceMultiplier != 1m)
        {
            o.Write($"    x {Formats.Number(line.PriceMultiplier)}: {line.PriceMultiplierNote}\n");
        }

        var monthly = line.Monthly!.Value;
        o.Write($"\n  monthly = {Formats.Number(line.Quantity.Expected)} {line.Unit} x {Formats.UnitPrice(line.UnitPrice)} = {Formats.MoneyWithSymbol(monthly.Expected)}");
        o.Write(monthly.IsExact ? "\n" : $"   (low {Formats.MoneyWithSymbol(monthly.Low)}, high {Formats.MoneyWithSymbol(monthly.High)})\n");
        o.Write("  rounded to the cent once, here; totals add rounded lines.\n");
        if (line.Note is not null)
        {
            o.Write($"  note: {line.Note}\n");
        }
    }

    private static void WriteSum(Bill bill, string what, IEnumerable<LineItem> lines, TextWriter o)
    {
        var list = lines.ToList();
        o.Write($"{bill.Deployment.Name}  {what} = sum of {list.Count} line items\n\n");
        var total = ValueRange.Zero;
        foreach (var l in list)
        {
            var monthly = l.Monthly is { } m ? Formats.MoneyWithSymbol(m.Expected) : "MISSING";
            o.Write($"  {monthly,12}  {l.Id}\n");
            total += l.Monthly ?? ValueRange.Zero;
        }

        o.Write($"  {new string('-', 12)}\n  {Formats.MoneyWithSymbol(total.Expected),12}  expected (low {Formats.MoneyWithSymbol(total.Low)}, high {Formats.MoneyWithSymbol(total.High)})\n");
        var missing = list.Count(l => l.MissingPrice);
        if (missing > 0)
        {
            o.Write($"\n  {missing} line(s) have no price and are left out: the real {what} is higher.\n");
        }
    }

    private static string Show(ValueRange v) => v.IsExact ? Formats.Number(v.Expected) : $"{Formats.Number(v.Low)} .. {Formats.Number(v.Expected)} .. {Formats.Number(v.High)}";
}
