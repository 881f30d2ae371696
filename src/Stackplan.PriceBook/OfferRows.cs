using Stackplan.Core.Model;
namespace Stackplan.PriceBook;

/// <summary>What an offer file says about itself: which offer, which version, published when.</summary>
public sealed record OfferHeader(string OfferCode, string Version, string PublicationDate, string RegionCode);

/// <summary>
/// One product (SKU) of an offer file, with its attributes serialised as a JSON object in UTF-8 (as
/// the book stores it: no transcoding either way), and, when the reader captured them, the string
/// attributes the key map reads (else they are parsed from the JSON).
/// </summary>
public sealed record ProductRow(string Sku, string Family, string Region, string UsageType, string Operation, byte[] AttributesUtf8, IReadOnlyDictionary<string, string>? KeyAttributes = null)
{
    public string AttributesJson => System.Text.Encoding.UTF8.GetString(AttributesUtf8);
}

/// <summary>
/// One price dimension: a SKU's rate under one term, for one currency. Ranges are kept as the file
/// spells them (EndRange null for "Inf" or none); the amount stays a string so it is stored exactly.
/// Reserved terms carry lease length, purchase option and offering class; Savings Plans rates name
/// the SKU they discount.
/// </summary>
public sealed record PriceRow(
    string Sku,
    string TermType,
    string OfferTermCode,
    string RateCode,
    string Description,
    string Unit,
    string BeginRange,
    string? EndRange,
    string Amount,
    string Currency,
    string EffectiveDate,
    string LeaseContractLength,
    string PurchaseOption,
    string OfferingClass,
    string DiscountedSku);

/// <summary>Where a row was read, for messages about it: the byte offset (JSON) or the line (CSV).</summary>
public readonly record struct RowPosition(long ByteOffset, int Line);

/// <summary>Receives what an offer reader streams out, in file order.</summary>
public interface IOfferSink
{
    void Header(OfferHeader header);

    /// <summary>A product; <paramref name="mayRepeat"/> when the format repeats it per price row (CSV), so a repeat is not a duplicate.</summary>
    void Product(ProductRow product, RowPosition at, bool mayRepeat = false);

    void Price(PriceRow price, RowPosition at);
}

/// <summary>Checks shared by the JSON and CSV readers: amounts and ranges must be numbers (ranges may be "Inf").</summary>
internal static class PriceRowCheck
{
    public static void Validate(PriceRow row, Stackplan.Core.Model.SourceLocation at)
    {
        if (!IsNumber(row.Amount))
        {
            throw new Stackplan.Core.Model.InputException(DiagnosticCodes.InvalidPriceFile, at, $"price of SKU {row.Sku} rate {row.RateCode} is not a number: '{row.Amount}'");
        }

        if ((row.BeginRange.Length > 0 && !IsNumber(row.BeginRange)) || (row.EndRange is { } end && !IsNumber(end)))
        {
            throw new Stackplan.Core.Model.InputException(DiagnosticCodes.InvalidPriceFile, at, $"range of SKU {row.Sku} rate {row.RateCode} is not a number or 'Inf': '{row.BeginRange}'..'{row.EndRange}'");
        }
    }

    private static bool IsNumber(string text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
