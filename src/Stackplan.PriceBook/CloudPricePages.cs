using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Providers.Azure;
using Stackplan.Core.Providers.Gcp;

namespace Stackplan.PriceBook;

/// <summary>
/// Reads the pages of a provider's public price API into Stackplan prices, following the pages'
/// own links: the Azure Retail Prices API (<c>Items</c> and <c>NextPageLink</c>) and the Google
/// Cloud Billing Catalog API's SKU list (<c>skus</c> and <c>nextPageToken</c>). <c>next</c> turns a
/// link or token into the next page's JSON (a saved file offline, an HTTPS GET online), or null
/// when that page is not at hand, which ends the read and says so.
/// </summary>
public static partial class CloudPricePages
{
    /// <summary>More pages than any real price list has: a link cycle or a runaway server stops here.</summary>
    public const int MaxPages = 10_000;

    /// <summary>What a read found: the prices, how many pages and items it read, and the items no key rule maps.</summary>
    public sealed record PageRead(ImmutableArray<PriceEntry> Prices, int Pages, int Items, int Unmapped, string? StoppedAt);

    /// <summary>
    /// Azure Retail Prices pages: pay-as-you-go (<c>type</c> Consumption) USD prices of primary
    /// meter regions, Windows, Spot and Low Priority meters left out. Rows of one meter with
    /// different <c>tierMinimumUnits</c> are the tiers of one price.
    /// </summary>
    /// <exception cref="InputException">A page that is not a Retail Prices page (SP7001).</exception>
    public static PageRead ReadAzure(string firstPage, string source, Func<string, string?> next)
    {
        var rows = new List<(string Key, string Region, string Unit, decimal From, decimal Usd, string Description, string AsOf, string Meter)>();
        var (pages, items, unmapped, stopped) = (0, 0, 0, (string?)null);
        for (var json = firstPage; json is not null;)
        {
            using var page = Parse(json, $"{source} page {pages + 1}");
            pages++;
            if (!page.RootElement.TryGetProperty("Items", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(source), $"page {pages} is not an Azure Retail Prices page: it has no 'Items' list");
            }

            foreach (var item in list.EnumerateArray())
            {
                items++;
                if (Text(item, "type") != "Consumption" || Text(item, "currencyCode") != "USD" || item.TryGetProperty("isPrimaryMeterRegion", out var primary) && primary.ValueKind == JsonValueKind.False)
                {
                    continue;
                }

                var meter = Text(item, "meterName");
                var product = Text(item, "productName");
                if (meter.Contains("Spot", StringComparison.Ordinal) || meter.Contains("Low Priority", StringComparison.Ordinal) || product.EndsWith(" Windows", StringComparison.Ordinal))
                {
                    continue;
                }

                if (AzureKey(Text(item, "serviceName"), Text(item, "armSkuName"), Text(item, "skuName"), meter, product) is not { } mapped)
                {
                    unmapped++;
                    continue;
                }

                rows.Add((mapped.Key, Text(item, "armRegionName"), mapped.Unit, Number(item, "tierMinimumUnits"), Number(item, "retailPrice"),
                    $"{product}: {meter}", Text(item, "effectiveStartDate") is { Length: >= 10 } start ? start[..10] : "", Text(item, "meterId")));
            }

            var link = page.RootElement.TryGetProperty("NextPageLink", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            json = Follow(link, pages, next, ref stopped);
        }

        var prices = rows.GroupBy(r => (r.Key, r.Region))
            .Select(g => Entry(g.Key.Key, g.Key.Region, g.First().Unit, [.. g.Select(r => (r.From, r.Usd))], g.First().Description, $"Azure Retail Prices API ({source}), meter {g.First().Meter}", g.Max(r => r.AsOf)!))
            .OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Region, StringComparer.Ordinal);
        return new PageRead([.. prices], pages, items, unmapped, stopped);
    }

    /// <summary>
    /// Google Cloud Billing Catalog SKU pages: the latest pricing of each on-demand SKU, in each of
    /// its service regions, its tiered rates as tiers (price = units + nanos / 10^9 per usage unit).
    /// </summary>
    /// <exception cref="InputException">A page that is not a SKU page (SP7001).</exception>
    public static PageRead ReadGcp(string firstPage, string source, Func<string, string?> next)
    {
        var entries = new List<PriceEntry>();
        var (pages, items, unmapped, stopped) = (0, 0, 0, (string?)null);
        for (var json = firstPage; json is not null;)
        {
            using var page = Parse(json, $"{source} page {pages + 1}");
            pages++;
            if (!page.RootElement.TryGetProperty("skus", out var skus) || skus.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(source), $"page {pages} is not a Cloud Billing Catalog SKU page: it has no 'skus' list");
            }

            foreach (var sku in skus.EnumerateArray())
            {
                items++;
                var category = sku.TryGetProperty("category", out var c) ? c : default;
                if (category.ValueKind != JsonValueKind.Object || Text(category, "usageType") != "OnDemand"
                    || !sku.TryGetProperty("pricingInfo", out var infos) || infos.ValueKind != JsonValueKind.Array || infos.GetArrayLength() == 0)
                {
                    continue;
                }

                var description = Text(sku, "description");
                var info = infos.EnumerateArray().OrderBy(i => Text(i, "effectiveTime"), StringComparer.Ordinal).Last();
                var expression = info.GetProperty("pricingExpression");
                if (GcpKey(description, Text(expression, "usageUnit")) is not { } mapped)
                {
                    unmapped++;
                    continue;
                }

                var tiers = expression.GetProperty("tieredRates").EnumerateArray()
                    .Select(t => (From: Number(t, "startUsageAmount"), Usd: Money(t.GetProperty("unitPrice")) * mapped.Scale)).ToList();
                var asOf = Text(info, "effectiveTime") is { Length: >= 10 } time ? time[..10] : "";
                foreach (var region in sku.TryGetProperty("serviceRegions", out var regions) ? regions.EnumerateArray().Select(r => r.GetString()!) : [])
                {
                    entries.Add(Entry(mapped.Key, region, mapped.Unit, tiers, description, $"Cloud Billing Catalog API ({source}), SKU {Text(sku, "skuId")}", asOf));
                }
            }

            var token = page.RootElement.TryGetProperty("nextPageToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            json = Follow(token, pages, next, ref stopped);
        }

        return new PageRead([.. entries.OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Region, StringComparer.Ordinal)], pages, items, unmapped, stopped);
    }

    /// <summary>The catalog key of an Azure meter, with its unit, or null when no catalog rule prices it.</summary>
    private static (string Key, string Unit)? AzureKey(string service, string armSku, string sku, string meter, string product) => service switch
    {
        "Virtual Machines" when armSku.Length > 0 => (AzureProfile.Instance.NodePriceKey(armSku), "hour"),
        "Azure Kubernetes Service" when sku is "Standard" or "Premium" => ($"aks/cluster/{sku.ToLowerInvariant()}", "hour"),
        "NAT Gateway" when meter.EndsWith("Gateway", StringComparison.Ordinal) => ("azure/nat-gateway/hour", "hour"),
        "NAT Gateway" when meter.EndsWith("Data Processed", StringComparison.Ordinal) => ("azure/nat-gateway/data", "GB"),
        "Storage" when product.StartsWith("Premium SSD Managed Disks", StringComparison.Ordinal) && DiskTier().Match(meter) is { Success: true } m =>
            ($"azure/managed-disk/{m.Groups[1].Value.ToLowerInvariant()}", "disk-month"),
        "Storage" when product == "General Block Blob v2" && meter == "Hot LRS Data Stored" => ("azure/blob/hot-lrs", "GB-month"),
        _ => null,
    };

    /// <summary>
    /// The catalog key of a Google Cloud SKU, its unit and the factor from the SKU's usage unit to
    /// it, or null when no catalog rule prices it. Compute Engine prices cores and memory apart:
    /// those become per-family keys (gce/core/e2, gce/ram/e2) that a machine type's price is built from.
    /// </summary>
    private static (string Key, string Unit, decimal Scale)? GcpKey(string description, string usageUnit)
    {
        if (GceResource().Match(description) is { Success: true } m && !description.Contains("Spot", StringComparison.Ordinal) && !description.Contains("Preemptible", StringComparison.Ordinal))
        {
            var family = m.Groups[1].Value.ToLowerInvariant();
            return m.Groups[2].Value == "Core" ? ($"gce/core/{family}", "vCPU-hour", 1m) : ($"gce/ram/{family}", "GB-hour", 1m);
        }

        return (description, usageUnit) switch
        {
            ("Balanced PD Capacity", "GiBy.mo") => (GcpProfile.Instance.StoragePriceKeys["volume"], "GB-month", 1m),
            ("Networking Cloud NAT Data Processing", "GiBy") => ("cloud-nat/data", "GB", 1m),
            ("Log Volume", "GiBy") => ("cloud-logging/ingestion", "GB", 1m),
            (_, "h") when description.StartsWith("Autopilot Pod mCPU Requests", StringComparison.Ordinal) => ("gke/autopilot/vcpu-hour", "vCPU-hour", 1000m),
            (_, "GiBy.h") when description.StartsWith("Autopilot Pod Memory Requests", StringComparison.Ordinal) => ("gke/autopilot/gb-hour", "GB-hour", 1m),
            _ => null,
        };
    }

    /// <summary>
    /// The price of a Compute Engine machine type built from its family's core and memory prices
    /// (vCPU x core + GiB x RAM), in every region both are priced; null where either is missing.
    /// </summary>
    public static IEnumerable<PriceEntry> MachineTypes(IEnumerable<PriceEntry> prices, IEnumerable<Core.Sizing.InstanceType> types)
    {
        var byKey = prices.ToLookup(p => (p.Key, p.Region));
        var regions = prices.Select(p => p.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var type in types.Where(t => t.Name.Contains('-', StringComparison.Ordinal)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var family = type.Name[..type.Name.IndexOf('-', StringComparison.Ordinal)];
            foreach (var region in regions)
            {
                if (byKey[($"gce/core/{family}", region)].FirstOrDefault() is { } core && byKey[($"gce/ram/{family}", region)].FirstOrDefault() is { } ram)
                {
                    var usd = (type.VCpu * core.FirstPaidUnitPrice) + (type.MemoryGiB * ram.FirstPaidUnitPrice);
                    yield return PriceEntry.Flat(GcpProfile.Instance.NodePriceKey(type.Name), region, "hour", usd, $"{type.Name}: {type.VCpu} vCPU x {core.FirstPaidUnitPrice} + {type.MemoryGiB} GiB x {ram.FirstPaidUnitPrice}",
                        $"{core.Source}; {ram.Source}", string.CompareOrdinal(core.AsOf, ram.AsOf) < 0 ? core.AsOf : ram.AsOf, "cloud-billing-catalog");
                }
            }
        }
    }

    private static string? Follow(string? link, int pages, Func<string, string?> next, ref string? stopped)
    {
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        if (pages >= MaxPages)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(link), $"more than {MaxPages} pages: the pages link back to each other or the list never ends");
        }

        var page = next(link);
        if (page is null)
        {
            stopped = link;
        }

        return page;
    }

    private static PriceEntry Entry(string key, string region, string unit, IReadOnlyList<(decimal From, decimal Usd)> bands, string description, string source, string asOf)
    {
        var ordered = bands.OrderBy(b => b.From).ToList();
        var tiers = ordered.Select((b, i) => new PriceTier(b.From, i + 1 < ordered.Count ? ordered[i + 1].From : null, b.Usd, b.Usd == 0 && ordered.Count > 1)).ToImmutableArray();
        return new PriceEntry(key, region, unit, tiers, description, source, asOf, "cloud-price-pages");
    }

    private static JsonDocument Parse(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, new SourceLocation(what, JsonSyntaxError.Line(e), JsonSyntaxError.Column(e)), "malformed JSON: " + JsonSyntaxError.Describe(e));
        }
    }

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static decimal Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : 0m;

    /// <summary>A Google Money value: whole units (a string) and nanos (billionths).</summary>
    private static decimal Money(JsonElement money) =>
        decimal.Parse(Text(money, "units") is { Length: > 0 } units ? units : "0", NumberStyles.Integer, CultureInfo.InvariantCulture) + (Number(money, "nanos") / 1_000_000_000m);

    [GeneratedRegex(@"^(P\d+) LRS Disk$")]
    private static partial Regex DiskTier();

    [GeneratedRegex(@"^(E2|N1|N2|N2D|C2|C2D|C3|T2D|N4) Instance (Core|Ram) running in ")]
    private static partial Regex GceResource();
}
