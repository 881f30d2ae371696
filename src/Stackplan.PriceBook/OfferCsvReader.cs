using System.Text;
using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.PriceBook;

/// <summary>
/// Streams an offer file in the CSV variant: metadata rows (FormatVersion, Disclaimer, Publication
/// Date, Version, OfferCode), then a header of display names, then one row per price dimension with
/// the product's attributes repeated on it. Reads the service layout (quoted) and the Savings Plans
/// layout (unquoted, DiscountedRate / DiscountedSKU columns).
/// </summary>
public sealed class OfferCsvReader(string fileName, IOfferSink sink, Func<string, bool> wantTermType)
{
    // Columns that are price or term fields, not product attributes.
    private static readonly HashSet<string> PriceColumns = new(StringComparer.Ordinal)
    {
        "SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate", "StartingRange", "EndingRange", "Unit",
        "PricePerUnit", "Currency", "RelatedTo", "LeaseContractLength", "PurchaseOption", "OfferingClass", "Product Family",
        "DiscountedRate", "DiscountedSKU", "LeaseContractLengthUnit", "Description",
    };

    // Display names whose JSON attribute key is not simply their camelCase.
    private static readonly Dictionary<string, string> KeyExceptions = new(StringComparer.Ordinal)
    {
        ["Pre Installed S/W"] = "preInstalledSw",
        ["Capacity Status"] = "capacitystatus",
        ["Volume API Name"] = "volumeApiName",
        ["serviceCode"] = "servicecode",
        ["serviceName"] = "servicename",
        ["usageType"] = "usagetype",
        ["UsageType"] = "usagetype",
        ["Operation"] = "operation",
        ["ServiceCode"] = "servicecode",
        ["vCPU"] = "vcpu",
        ["DiscountedRegionCode"] = "regionCode",
    };

    /// <summary>The JSON attribute key a CSV display-name header stands for ("Instance Type" is instanceType).</summary>
    public static string AttributeKey(string header)
    {
        if (KeyExceptions.TryGetValue(header, out var key))
        {
            return key;
        }

        var words = header.Split([' ', '/', '-', '_', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        var text = new StringBuilder();
        foreach (var word in words)
        {
            text.Append(text.Length == 0 ? char.ToLowerInvariant(word[0]) + word[1..] : char.ToUpperInvariant(word[0]) + word[1..]);
        }

        return text.ToString();
    }

    public void Read(Stream stream, Action<long>? progress = null)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        string[]? header = null;
        Dictionary<string, int> column = [];
        var isSavingsPlan = false;
        var json = new System.Buffers.ArrayBufferWriter<byte>(4096);
        var rows = 0;
        foreach (var (line, fields) in Csv.Read(text))
        {
            if (header is null)
            {
                if (fields.Length > 0 && fields[0] == "SKU")
                {
                    header = fields;
                    column = header.Select((h, i) => (h, i)).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
                    isSavingsPlan = column.ContainsKey("DiscountedRate");
                    var offerCode = meta.GetValueOrDefault("OfferCode", "");
                    if (offerCode.Length == 0)
                    {
                        throw new InputException(DiagnosticCodes.InvalidPriceFile, new SourceLocation(fileName, line, 1), "not an AWS Price List offer file: no 'OfferCode' row before the header");
                    }

                    sink.Header(new OfferHeader(offerCode, meta.GetValueOrDefault("Version", ""), meta.GetValueOrDefault("Publication Date", ""), ""));
                    continue;
                }

                if (fields.Length != 2 || line > 10)
                {
                    throw new InputException(DiagnosticCodes.InvalidPriceFile, new SourceLocation(fileName, line, 1), "not an AWS Price List offer file: expected metadata rows (\"FormatVersion\",\"v1.0\"...) then a header starting with \"SKU\"");
                }

                meta[fields[0]] = fields[1];
                continue;
            }

            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            var at = new SourceLocation(fileName, line, 1);
            if (fields.Length != header.Length)
            {
                throw new InputException(DiagnosticCodes.InvalidPriceFile, at, $"expected {header.Length} fields like the header, found {fields.Length}", "the file looks truncated or damaged; download it again");
            }

            string Get(string name) => column.TryGetValue(name, out var i) ? fields[i] : "";

            json.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(json))
            {
                writer.WriteStartObject();
                for (var i = 0; i < header.Length; i++)
                {
                    if (fields[i].Length > 0 && !PriceColumns.Contains(header[i]) && !header[i].StartsWith("Discounted", StringComparison.Ordinal))
                    {
                        writer.WriteString(AttributeKey(header[i]), fields[i]);
                    }
                }

                writer.WriteEndObject();
            }

            var position = new RowPosition(0, line);
            var sku = Get("SKU");
            var region = isSavingsPlan ? Get("DiscountedRegionCode") : Get("Region Code");
            var product = new ProductRow(sku, Get("Product Family"), region, Get(isSavingsPlan ? "UsageType" : "usageType"), Get(isSavingsPlan ? "Operation" : "operation"), json.WrittenSpan.ToArray());
            sink.Product(product, position, mayRepeat: true);

            PriceRow? price = isSavingsPlan
                ? new PriceRow(sku, ImportFilter.SavingsPlan, "", Get("RateCode"), Get("Description"), Get("Unit"), "0", null, Get("DiscountedRate"), Get("Currency"), Get("EffectiveDate"),
                    Get("LeaseContractLength") is { Length: > 0 } length ? length + (Get("LeaseContractLengthUnit") is "year" or "years" ? "yr" : Get("LeaseContractLengthUnit")) : "",
                    Get("PurchaseOption"), "", Get("DiscountedSKU"))
                : Get("PricePerUnit").Length == 0 ? null
                : new PriceRow(sku, Get("TermType"), Get("OfferTermCode"), Get("RateCode"), Get("PriceDescription"), Get("Unit"), Get("StartingRange"),
                    Get("EndingRange") is "" or "Inf" ? null : Get("EndingRange"), Get("PricePerUnit"), Get("Currency"), Get("EffectiveDate"),
                    Get("LeaseContractLength"), Get("PurchaseOption"), Get("OfferingClass"), "");
            if (price is not null && wantTermType(price.TermType))
            {
                PriceRowCheck.Validate(price, at);
                sink.Price(price, position);
            }

            if (++rows % 4096 == 0)
            {
                progress?.Invoke(stream.Position);
            }
        }

        if (header is null)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(fileName), "not an AWS Price List offer file: no header row starting with \"SKU\"");
        }

        progress?.Invoke(stream.Position);
    }
}
