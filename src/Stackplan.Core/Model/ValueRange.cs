namespace Stackplan.Core.Model;

/// <summary>
/// An uncertain amount: low, expected and high. A certain amount has all three equal.
/// Usage volumes come in as ranges and costs come out as ranges (uncertainty is shown, not hidden).
/// </summary>
public readonly record struct ValueRange(decimal Low, decimal Expected, decimal High)
{
    public static readonly ValueRange Zero = new(0m, 0m, 0m);

    public static ValueRange Exactly(decimal value) => new(value, value, value);

    public bool IsExact => Low == Expected && Expected == High;

    public static ValueRange operator +(ValueRange a, ValueRange b) =>
        new(a.Low + b.Low, a.Expected + b.Expected, a.High + b.High);

    public static ValueRange operator *(ValueRange a, decimal factor) =>
        new(a.Low * factor, a.Expected * factor, a.High * factor);

    /// <summary>The range of three values computed at the low, expected and high inputs, whatever their order.</summary>
    public static ValueRange OfPoints(decimal atLow, decimal atExpected, decimal atHigh) =>
        new(Math.Min(atLow, Math.Min(atExpected, atHigh)), atExpected, Math.Max(atHigh, Math.Max(atLow, atExpected)));

    /// <summary>Applies f to each point and orders the results, since f need not be increasing.</summary>
    public ValueRange Map(Func<decimal, decimal> f)
    {
        return OfPoints(f(Low), f(Expected), f(High));
    }

    public ValueRange RoundToCents() => new(Money.Round(Low), Money.Round(Expected), Money.Round(High));

    public override string ToString() => IsExact ? Expected.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Low}..{Expected}..{High}");
}

/// <summary>The two constants every monthly figure rests on, named once.</summary>
public static class Money
{
    /// <summary>AWS bills a month as 730 hours (8,760 / 12); so do Infracost and the AWS calculator.</summary>
    public const decimal HoursPerMonth = 730m;

    public const decimal DaysPerMonth = HoursPerMonth / 24m;

    /// <summary>Line items are rounded to the cent once; totals are sums of rounded items, so they add up.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
