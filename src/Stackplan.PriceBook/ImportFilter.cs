using System.Collections.Immutable;

namespace Stackplan.PriceBook;

/// <summary>
/// Which parts of the offer files to keep. The default is what Stackplan's catalog prices: the offers
/// the key map names, every region, on-demand terms only. Reserved terms and Savings Plans rates are
/// kept when asked for (--terms), and Reserved ones can be narrowed by purchase option.
/// </summary>
public sealed record ImportFilter(
    ImmutableHashSet<string> Services,
    ImmutableHashSet<string> Regions,
    ImmutableHashSet<string> TermTypes,
    ImmutableHashSet<string> PurchaseOptions)
{
    public const string OnDemand = "OnDemand";
    public const string Reserved = "Reserved";
    public const string SavingsPlan = "SavingsPlan";

    public static readonly ImmutableArray<string> AllTermTypes = [OnDemand, Reserved, SavingsPlan];

    public static ImportFilter Default { get; } = new(
        [.. PriceListKeyMap.Embedded.OfferCodes], [], [OnDemand], []);

    public bool WantsService(string offerCode) =>
        Services.IsEmpty || Services.Contains(offerCode) || (TermTypes.Contains(SavingsPlan) && offerCode.Contains(SavingsPlan, StringComparison.Ordinal));

    /// <summary>A product without a region (global SKUs, "Any" location) is always kept.</summary>
    public bool WantsRegion(string region) => Regions.IsEmpty || region.Length == 0 || Regions.Contains(region);

    public bool WantsTermType(string termType) =>
        TermTypes.Contains(termType is "savingsPlan" ? SavingsPlan : termType);

    public bool WantsPurchaseOption(string purchaseOption) =>
        PurchaseOptions.IsEmpty || purchaseOption.Length == 0 || PurchaseOptions.Contains(purchaseOption);
}
