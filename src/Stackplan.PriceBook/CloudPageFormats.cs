using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Pricing;

namespace Stackplan.PriceBook;

/// <summary>The provider price pages `pricebook import` reads besides AWS offer files.</summary>
public enum CloudPageFormat { AzureRetail, GcpBilling }

/// <summary>Names of the page formats, and how their tiers are kept in the book's cloud_prices table.</summary>
public static class CloudPageFormats
{
    /// <summary>The offer code an Azure Retail Prices import is listed under in offer_files.</summary>
    public const string AzureOffer = "AzureRetailPrices";

    /// <summary>The offer code a Cloud Billing Catalog import is listed under in offer_files.</summary>
    public const string GcpOffer = "GcpCloudBillingCatalog";

    /// <summary>The `--format` words, auto-detection aside: aws, azure-retail, gcp-billing.</summary>
    public static readonly ImmutableArray<string> Choices = ["auto", "aws", "azure-retail", "gcp-billing"];

    public static string Name(CloudPageFormat format) => format == CloudPageFormat.AzureRetail ? "azure-retail" : "gcp-billing";

    /// <summary>Tiers as "from:to:usd:free" joined by ';' (to empty when open), invariant decimals: exact, and readable in the SQLite file.</summary>
    public static string WriteTiers(IEnumerable<PriceTier> tiers) =>
        string.Join(';', tiers.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.From}:{t.To}:{t.UnitPrice}:{(t.IsFreeTier ? 1 : 0)}")));

    public static ImmutableArray<PriceTier> ReadTiers(string text) =>
    [
        .. text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Split(':') is [var from, var to, var usd, var free]
            ? new PriceTier(Parse(from), to.Length == 0 ? null : Parse(to), Parse(usd), free == "1")
            : throw new FormatException($"a stored tier '{t}' is not from:to:usd:free")),
    ];

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
