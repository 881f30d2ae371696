using System.Globalization;

namespace Stackplan.Core.Model;

/// <summary>Number formats shared by every renderer and by the analyses' reasons: invariant culture, money to the cent.</summary>
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
