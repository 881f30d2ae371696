using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.PriceBook;

/// <summary>The kinds of file an AWS Price List mirror holds.</summary>
public enum PriceListFileKind { Offer, OfferIndex, RegionIndex, VersionIndex, AzureRetailPage, GcpSkuPage }

/// <summary>An offer file to import: where it is (a URL path relative to the mirror root) and, when known, its offer, region and version.</summary>
public sealed record OfferFileRef(string RelativeUrl, string OfferCode, string Region, string Version);

/// <summary>
/// Reads the index files of the Price List bulk API (offer index, region index in both its map and
/// Savings Plans array forms, version index). They are small (under 100 KB), so they are parsed whole.
/// URLs inside them are relative to the host root, e.g. /offers/v1.0/aws/AmazonEC2/current/region_index.json.
/// </summary>
public static class PriceListIndex
{
    public const string OfferIndexUrl = "/offers/v1.0/aws/index.json";

    /// <summary>Tells the kind of a JSON file from its first top-level keys, reading at most 64 KB.</summary>
    public static PriceListFileKind Sniff(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: length < buffer.Length, default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    switch (reader.GetString())
                    {
                        case "offers": return PriceListFileKind.OfferIndex;
                        case "regions": return PriceListFileKind.RegionIndex;
                        case "versions": return PriceListFileKind.VersionIndex;
                        case "products" or "terms": return PriceListFileKind.Offer;
                        case "Items": return PriceListFileKind.AzureRetailPage;
                        case "skus": return PriceListFileKind.GcpSkuPage;
                        default: break;
                    }

                    if (!reader.TrySkip())
                    {
                        break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // The offer reader reports malformed JSON with its position.
        }

        return PriceListFileKind.Offer;
    }

    /// <summary>The offers of an offer index with the URLs of their current region indexes (service and Savings Plans).</summary>
    public static IReadOnlyList<(string OfferCode, string RegionIndexUrl, string? SavingsPlanRegionIndexUrl)> Offers(string json, string fileName)
    {
        using var document = Parse(json, fileName);
        if (!document.RootElement.TryGetProperty("offers", out var offers) || offers.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(fileName), "not an offer index: no 'offers' object");
        }

        return [.. offers.EnumerateObject().Select(o => (o.Name,
            Text(o.Value, "currentRegionIndexUrl") ?? $"/offers/v1.0/aws/{o.Name}/current/region_index.json",
            Text(o.Value, "currentSavingsPlanIndexUrl"))).OrderBy(o => o.Name, StringComparer.Ordinal)];
    }

    /// <summary>The region files of a region index: `regions` is a map by region code, or (Savings Plans) an array.</summary>
    public static IReadOnlyList<OfferFileRef> Regions(string json, string fileName, string offerCode)
    {
        using var document = Parse(json, fileName);
        if (!document.RootElement.TryGetProperty("regions", out var regions))
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(fileName), "not a region index: no 'regions'");
        }

        var items = regions.ValueKind switch
        {
            JsonValueKind.Object => regions.EnumerateObject().Select(r => (Code: Text(r.Value, "regionCode") ?? r.Name, Url: Text(r.Value, "currentVersionUrl"))),
            JsonValueKind.Array => regions.EnumerateArray().Select(r => (Code: Text(r, "regionCode") ?? "", Url: Text(r, "versionUrl"))),
            _ => throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(fileName), "not a region index: 'regions' is neither an object nor an array"),
        };
        return [.. items.Where(r => r.Url is not null).Select(r => new OfferFileRef(r.Url!, offerCode, r.Code, VersionIn(r.Url!))).OrderBy(r => r.Region, StringComparer.Ordinal)];
    }

    /// <summary>The whole-offer file of the current version named by a version index (the `versions` map is not in date order).</summary>
    public static OfferFileRef CurrentVersion(string json, string fileName)
    {
        using var document = Parse(json, fileName);
        var root = document.RootElement;
        var offer = Text(root, "offerCode") ?? "";
        var current = Text(root, "currentVersion") ?? throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(fileName), "not a version index: no 'currentVersion'");
        if (!root.TryGetProperty("versions", out var versions) || !versions.TryGetProperty(current, out var version) || Text(version, "offerVersionUrl") is not { } url)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(fileName), $"the version index lists no URL for its current version {current}");
        }

        return new OfferFileRef(url, offer, "", current);
    }

    /// <summary>The version in a region file URL: /offers/v1.0/aws/AmazonEC2/20250912225308/us-east-1/index.json.</summary>
    public static string VersionIn(string url)
    {
        var parts = url.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 ? parts[^3] : "";
    }

    private static JsonDocument Parse(string json, string fileName)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, new SourceLocation(fileName, JsonSyntaxError.Line(e), JsonSyntaxError.Column(e)), "malformed JSON in an index file: " + JsonSyntaxError.Describe(e));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
