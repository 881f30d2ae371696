namespace Stackplan.PriceBook;

/// <summary>
/// How a Reserved term or a Savings Plans rate is named in a price key: the suffix after the
/// on-demand key, e.g. <c>ec2/instance/m5.large/reserved-1y-standard-no-upfront</c>. A spec's
/// <c>purchase: reserved-1y</c> means the standard, no-upfront term; the long names pick others.
/// </summary>
public static class Commitment
{
    public static string? Name(string termType, int years, string purchaseOption, string offeringClass, string planFamily)
    {
        if (years == 0)
        {
            return null;
        }

        var payment = purchaseOption.ToLowerInvariant() switch
        {
            "no upfront" => "no-upfront",
            "partial upfront" => "partial-upfront",
            "all upfront" => "all-upfront",
            _ => null,
        };
        if (payment is null)
        {
            return null;
        }

        return termType switch
        {
            "Reserved" when offeringClass is "standard" or "convertible" => $"reserved-{years}y-{offeringClass}-{payment}",
            "SavingsPlan" => $"savings-plan-{years}y-{(planFamily.Contains("Compute", StringComparison.OrdinalIgnoreCase) ? "compute" : "ec2-instance")}-{payment}",
            _ => null,
        };
    }
}
