using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Catalog;
using Stackplan.Core.Compliance;
using Stackplan.Core.Engine;
using Stackplan.Core.Pricing;
using Stackplan.Core.Spec;

namespace Stackplan.Core.Rendering;

/// <summary>
/// What estimate and compare render: the spec, the books that priced it and one bill per deployment;
/// compare adds each deployment's NIST coverage (<see cref="Compliance"/>, default when absent).
/// </summary>
public sealed record EstimateReport(PlatformSpec Spec, IPriceBook Prices, ImmutableArray<Bill> Bills, ImmutableArray<Coverage> Compliance = default)
{
    public Coverage? CoverageOf(Bill bill) => Compliance.IsDefault ? null : Compliance.FirstOrDefault(c => c.Deployment == bill.Deployment.Ref);

    /// <summary>The categories any bill uses, in the enum's order, so columns line up across deployments.</summary>
    public ImmutableArray<Category> Categories =>
        [.. Enum.GetValues<Category>().Where(c => Bills.Any(b => b.Lines.Any(l => l.Category == c)))];
}

/// <summary>Number formats shared by every renderer: invariant culture, money to the cent.</summary>
public static class Formats
{
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string MoneyWithSymbol(decimal amount) => "$" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Range(ValueRange range) => range.IsExact
        ? MoneyWithSymbol(range.Expected)
        : $"{MoneyWithSymbol(range.Expected)} ({MoneyWithSymbol(range.Low)}–{MoneyWithSymbol(range.High)})";

    public static string Number(decimal value) =>
        value.ToString(value == Math.Round(value) ? "#,##0" : "#,##0.####", CultureInfo.InvariantCulture);

    public static string Plain(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Kebab(Category category) => category.ToString().ToLowerInvariant();

    public static string UnitPrice(decimal? price) => price is null ? "missing" : "$" + price.Value.ToString("0.########", CultureInfo.InvariantCulture);
}
