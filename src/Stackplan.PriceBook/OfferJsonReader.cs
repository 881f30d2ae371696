using System.Buffers;
using System.Text;
using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.PriceBook;

/// <summary>
/// Streams an AWS Price List offer file (JSON) into an <see cref="IOfferSink"/> without ever holding
/// the file: one Utf8JsonReader per buffer fill, its state carried across refills. Reads both the
/// service offer shape (products and terms as maps keyed by SKU) and the Savings Plans shape
/// (products and terms.savingsPlan as arrays). Products and terms may come in either order: the
/// sink joins them on SKU. Terms whose type the filter refuses (and unknown sections) are skipped by
/// bracket matching, without being tokenized: most of an EC2 file is Reserved terms.
/// </summary>
public sealed class OfferJsonReader
{
    private const int InitialBuffer = 1 << 20;
    private const int MaxDepth = 64;

    // What the object or array entered at a depth holds. Parent context + property name decide the child.
    private enum Ctx : byte
    {
        Skip, Root, ProductsMap, ProductsArray, Product, Attributes, Terms, TermSkus, TermOffers, Term,
        Dimensions, Dimension, PricePerUnit, TermAttributes, SpTerms, SpTerm, SpLease, SpRates, SpRate, SpDiscountedRate,
    }

    // The field the next scalar value fills.
    private enum Field : byte
    {
        None, FormatVersion, OfferCode, Version, PublicationDate, RegionCode,
        Sku, Family, ServiceCode, UsageType, Operation, Attribute,
        OfferTermCode, EffectiveDate, RateCode, Description, BeginRange, EndRange, Unit, Currency, TermAttribute,
        LeaseDuration, LeaseUnit, DiscountedSku, DiscountedUsageType, DiscountedOperation, Price, PriceCurrency,
    }

    private static readonly (byte[] Name, Field Field)[] ProductFields = [(Name("sku"), Field.Sku), (Name("productFamily"), Field.Family), (Name("serviceCode"), Field.ServiceCode), (Name("usageType"), Field.UsageType), (Name("operation"), Field.Operation)];
    private static readonly (byte[] Name, Field Field)[] TermFields = [(Name("offerTermCode"), Field.OfferTermCode), (Name("effectiveDate"), Field.EffectiveDate)];
    private static readonly (byte[] Name, Field Field)[] DimensionFields = [(Name("rateCode"), Field.RateCode), (Name("description"), Field.Description), (Name("beginRange"), Field.BeginRange), (Name("endRange"), Field.EndRange), (Name("unit"), Field.Unit)];
    private static readonly (byte[] Name, Field Field)[] SpTermFields = [(Name("sku"), Field.Sku), (Name("description"), Field.Description), (Name("effectiveDate"), Field.EffectiveDate)];
    private static readonly (byte[] Name, Field Field)[] SpLeaseFields = [(Name("duration"), Field.LeaseDuration), (Name("unit"), Field.LeaseUnit)];
    private static readonly (byte[] Name, Field Field)[] SpRateFields = [(Name("discountedSku"), Field.DiscountedSku), (Name("rateCode"), Field.RateCode), (Name("unit"), Field.Unit), (Name("discountedUsageType"), Field.DiscountedUsageType), (Name("discountedOperation"), Field.DiscountedOperation)];
    private static readonly (byte[] Name, Field Field)[] SpDiscountedRateFields = [(Name("price"), Field.Price), (Name("currency"), Field.PriceCurrency)];

    private readonly string _fileName;
    private readonly IOfferSink _sink;
    private readonly Func<string, bool> _wantTermType;
    private readonly Ctx[] _ctx = new Ctx[MaxDepth + 2];
    private readonly List<KeyValuePair<string, string>> _termAttributes = [];
    private readonly List<(string Currency, string Amount)> _amounts = [];
    private readonly List<PriceRow> _termRows = [];
    private readonly ArrayBufferWriter<byte> _json = new(4096);

    // Attributes are copied from the reader's UTF-8 spans straight into this writer: no string per attribute.
    private readonly Utf8JsonWriter _attributesWriter;

    // The attributes the key map reads, captured as strings for each product (ProductRow.KeyAttributes).
    private readonly (byte[] Utf8, string Name)[] _keyAttributeNames;
    private Dictionary<string, string>? _keyAttributes;
    private string? _keyAttribute;

    private Field _field;
    private string _lastProperty = "";
    private long _tokenOffset;
    private string _formatVersion = "", _offerCode = "", _version = "", _publicationDate = "", _regionCode = "";
    private bool _headerSent, _sawProducts, _sawTerms;

    // The product, term, dimension or rate being read.
    private string _sku = "", _family = "", _serviceCode = "", _usageType = "", _operation = "", _productRegion = "", _attributeName = "";
    private Field _capture;
    private string _termType = "", _termSku = "", _offerTermCode = "", _effectiveDate = "";
    private string _rateCode = "", _description = "", _beginRange = "", _endRange = "", _unit = "";
    private string _leaseDuration = "", _leaseUnit = "", _discountedSku = "", _price = "", _priceCurrency = "";
    private long _rowOffset;
    private bool _skipValue;
    private int _skippedLines;
    private bool _inSpTerm;

    /// <param name="keyAttributes">Product attributes to hand the sink as strings beside the JSON (the ones the key map reads); none when null.</param>
    public OfferJsonReader(string fileName, IOfferSink sink, Func<string, bool> wantTermType, IEnumerable<string>? keyAttributes = null)
    {
        _fileName = fileName;
        _keyAttributeNames = [.. (keyAttributes ?? []).Select(n => (Name(n), n))];
        _sink = sink;
        _wantTermType = wantTermType;
        _attributesWriter = new Utf8JsonWriter(_json, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    /// <summary>Reads the whole stream; throws <see cref="InputException"/> naming the file and position on bad input.</summary>
    public void Read(Stream stream, Action<long>? progress = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth });
        var start = 0; // buffer[start..filled] is not consumed yet
        var filled = 0;
        long consumedBefore = 0; // file offset of buffer[start]
        var final = false;
        var needData = true;
        try
        {
            while (true)
            {
                // Only when the reader ran out: after a skip the buffer still holds the rest.
                if (needData)
                {
                    Refill(stream, ref buffer, ref start, ref filled, ref final);
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(start, filled - start), final, state);
                try
                {
                    while (reader.Read())
                    {
                        _tokenOffset = consumedBefore + reader.TokenStartIndex;
                        Handle(ref reader);
                        if (_skipValue)
                        {
                            break;
                        }
                    }
                }
                catch (JsonException e)
                {
                    throw new InputException(
                        DiagnosticCodes.InvalidPriceFile, new SourceLocation(_fileName, JsonSyntaxError.Line(e) + _skippedLines, JsonSyntaxError.Column(e)),
                        $"malformed JSON: {JsonSyntaxError.Describe(e)} (byte {consumedBefore + reader.BytesConsumed})",
                        final ? "the file looks truncated or damaged; download it again" : null);
                }

                var used = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                start += used;
                var before = consumedBefore;
                consumedBefore += used;
                if (!_skipValue || before >> 20 != consumedBefore >> 20)
                {
                    progress?.Invoke(consumedBefore);
                }
                needData = !_skipValue;
                if (_skipValue)
                {
                    _skipValue = false;
                    SkipToClosingBracket(stream, ref buffer, ref start, ref filled, ref consumedBefore, ref final);
                    continue;
                }

                if (final)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (consumedBefore == 0)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(_fileName), "the file is empty, not an AWS Price List offer file");
        }

        EnsureHeader();
    }

    /// <summary>Moves the unconsumed tail to the front and reads more; grows the buffer only when one token fills it.</summary>
    private static void Refill(Stream stream, ref byte[] buffer, ref int start, ref int filled, ref bool final)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
            start = 0;
        }

        if (filled == buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, filled).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        while (!final && filled < buffer.Length)
        {
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            final = n == 0;
            filled += n;
        }
    }

    /// <summary>
    /// Skips an unwanted object or array (filtered-out terms: most of an EC2 file) without tokenizing
    /// it: brackets are counted outside strings, 64 bytes at a time (<see cref="BracketSkipper"/>). The reader has consumed
    /// the opening bracket; it resumes AT the matching closing one with its saved state, so to it the
    /// value looks empty. Lines inside are counted so later error positions stay right.
    /// </summary>
    private void SkipToClosingBracket(Stream stream, ref byte[] buffer, ref int start, ref int filled, ref long consumedBefore, ref bool final)
    {
        var state = new BracketSkipper.State(1);
        while (true)
        {
            var span = buffer.AsSpan(start, filled - start);
            var end = BracketSkipper.Find(span, ref state, out var lines);
            _skippedLines += lines;
            if (end >= 0)
            {
                start += end;
                consumedBefore += end;
                return;
            }

            consumedBefore += span.Length;
            start = filled;
            if (final)
            {
                throw new InputException(DiagnosticCodes.InvalidPriceFile, new SourceLocation($"{_fileName} (byte {consumedBefore})", 0, 0), "malformed JSON: the file ends inside an object or array", "the file looks truncated or damaged; download it again");
            }

            Refill(stream, ref buffer, ref start, ref filled, ref final);
        }
    }

    private void Handle(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                OnProperty(ref reader, _ctx[depth]);
                break;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                Enter(depth, reader.TokenType == JsonTokenType.StartArray);

                // Unwanted values (filtered-out terms, unknown sections) are skipped without being tokenized.
                _skipValue = depth > 0 && _ctx[depth + 1] == Ctx.Skip;

                break;
            case JsonTokenType.EndObject:
            case JsonTokenType.EndArray:
                Leave(_ctx[depth + 1]);
                break;
            case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null when _field == Field.Attribute:
                WriteAttributeValue(ref reader);
                break;
            case JsonTokenType.String:
            case JsonTokenType.Number:
                if (_field != Field.None)
                {
                    Assign(reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan));
                }

                break;
            default:
                break;
        }

        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            _field = Field.None;
        }
    }

    private void Enter(int depth, bool isArray)
    {
        if (depth == 0)
        {
            if (isArray)
            {
                throw NotAnOffer("it is a JSON array");
            }

            _ctx[1] = Ctx.Root;
            return;
        }

        var parent = _ctx[depth];
        var child = (parent, _lastProperty, isArray) switch
        {
            (Ctx.Root, "products", false) => Ctx.ProductsMap,
            (Ctx.Root, "products", true) => Ctx.ProductsArray,
            (Ctx.Root, "terms", false) => Ctx.Terms,
            (Ctx.ProductsMap, _, false) or (Ctx.ProductsArray, _, false) => Ctx.Product,
            (Ctx.Product, "attributes", false) => Ctx.Attributes,
            (Ctx.Terms, _, false) when _wantTermType(_termType) => Ctx.TermSkus,
            (Ctx.Terms, _, true) when _wantTermType(_termType) => Ctx.SpTerms,
            (Ctx.TermSkus, _, false) => Ctx.TermOffers,
            (Ctx.TermOffers, _, false) => Ctx.Term,
            (Ctx.Term, "priceDimensions", false) => Ctx.Dimensions,
            (Ctx.Term, "termAttributes", false) => Ctx.TermAttributes,
            (Ctx.Dimensions, _, false) => Ctx.Dimension,
            (Ctx.Dimension, "pricePerUnit", false) => Ctx.PricePerUnit,
            (Ctx.SpTerms, _, false) => Ctx.SpTerm,
            (Ctx.SpTerm, "leaseContractLength", false) => Ctx.SpLease,
            (Ctx.SpTerm, "rates", true) => Ctx.SpRates,
            (Ctx.SpRates, _, false) => Ctx.SpRate,
            (Ctx.SpRate, "discountedRate", false) => Ctx.SpDiscountedRate,
            _ => Ctx.Skip,
        };
        _ctx[depth + 1] = child;
        if (parent == Ctx.Attributes)
        {
            // Attribute values are strings; a nested value is kept as null rather than breaking the object.
            _attributesWriter.WriteNullValue();
        }

        switch (child)
        {
            case Ctx.ProductsMap or Ctx.ProductsArray:
                _sawProducts = true;
                EnsureHeader();
                break;
            case Ctx.Terms:
                _sawTerms = true;
                EnsureHeader();
                break;
            case Ctx.Product:
                _sku = parent == Ctx.ProductsMap ? _lastProperty : "";
                _family = _serviceCode = _usageType = _operation = _productRegion = "";
                _json.ResetWrittenCount();
                _rowOffset = _tokenOffset;
                _keyAttributes = _keyAttributeNames.Length > 0 ? new(StringComparer.Ordinal) : null;
                break;
            case Ctx.Attributes:
                _json.ResetWrittenCount();
                _attributesWriter.Reset(_json);
                _attributesWriter.WriteStartObject();
                break;
            case Ctx.TermOffers:
                _termSku = _lastProperty;
                break;
            case Ctx.Term:
                _offerTermCode = _effectiveDate = "";
                _termAttributes.Clear();
                _termRows.Clear();
                _rowOffset = _tokenOffset;
                break;
            case Ctx.Dimension:
                _rateCode = _description = _beginRange = _endRange = _unit = "";
                _amounts.Clear();
                break;
            case Ctx.SpTerm:
                _termSku = _description = _effectiveDate = _leaseDuration = _leaseUnit = "";
                _termRows.Clear();
                _inSpTerm = true;
                _rowOffset = _tokenOffset;
                break;
            case Ctx.SpRate:
                _discountedSku = _rateCode = _unit = _price = _priceCurrency = "";
                break;
            default:
                break;
        }
    }

    private void OnProperty(ref Utf8JsonReader reader, Ctx ctx)
    {
        _field = Field.None;
        switch (ctx)
        {
            case Ctx.Root:
                _lastProperty = reader.GetString()!;
                _field = _lastProperty switch
                {
                    "formatVersion" => Field.FormatVersion,
                    "offerCode" => Field.OfferCode,
                    "version" => Field.Version,
                    "publicationDate" => Field.PublicationDate,
                    "regionCode" => Field.RegionCode,
                    _ => Field.None,
                };
                if (_lastProperty is "offers" or "regions" or "versions")
                {
                    throw NotAnOffer($"it is an index file (it has '{_lastProperty}'); give it to 'pricebook import' as an index, or give the offer files it lists");
                }

                return;
            case Ctx.ProductsMap:
            case Ctx.TermSkus:
            case Ctx.TermOffers:
            case Ctx.Dimensions:
                _lastProperty = reader.GetString()!;
                return;
            case Ctx.Terms:
                _lastProperty = _termType = reader.GetString()!;
                return;
            case Ctx.Attributes:
                if (reader.ValueIsEscaped)
                {
                    _attributesWriter.WritePropertyName(reader.GetString()!);
                }
                else
                {
                    _attributesWriter.WritePropertyName(reader.ValueSpan);
                }

                _field = Field.Attribute;
                _capture = Match(ref reader, CapturedAttributes);
                _keyAttribute = null;
                foreach (var (utf8, name) in _keyAttributeNames)
                {
                    if (reader.ValueTextEquals(utf8))
                    {
                        _keyAttribute = name;
                        break;
                    }
                }

                return;
            case Ctx.TermAttributes:
                _attributeName = reader.GetString()!;
                _field = Field.TermAttribute;
                return;
            case Ctx.PricePerUnit:
                _attributeName = reader.GetString()!;
                _field = Field.Currency;
                return;
            case Ctx.Skip:
                return;
            default:
                break;
        }

        _lastProperty = "";
        _field = ctx switch
        {
            Ctx.Product => Match(ref reader, ProductFields),
            Ctx.Term => Match(ref reader, TermFields),
            Ctx.Dimension => Match(ref reader, DimensionFields),
            Ctx.SpTerm => Match(ref reader, SpTermFields),
            Ctx.SpLease => Match(ref reader, SpLeaseFields),
            Ctx.SpRate => Match(ref reader, SpRateFields),
            Ctx.SpDiscountedRate => Match(ref reader, SpDiscountedRateFields),
            _ => Field.None,
        };

        // Objects nested under these (attributes, priceDimensions...) are told apart by name.
        if (_field == Field.None && ctx is Ctx.Product or Ctx.Term or Ctx.Dimension or Ctx.SpTerm or Ctx.SpRate)
        {
            _lastProperty = reader.GetString()!;
        }
    }


    private static readonly (byte[] Name, Field Field)[] CapturedAttributes =
        [(Name("regionCode"), Field.RegionCode), (Name("usagetype"), Field.UsageType), (Name("operation"), Field.Operation), (Name("servicecode"), Field.ServiceCode)];

    private static byte[] Name(string name) => Encoding.UTF8.GetBytes(name);

    private void WriteAttributeValue(ref Utf8JsonReader reader)
    {
        var unescaped = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped;
        if (unescaped)
        {
            _attributesWriter.WriteStringValue(reader.ValueSpan);
        }
        else
        {
            _attributesWriter.WriteStringValue(reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan));
        }

        if (_keyAttribute is not null)
        {
            // As stored: every scalar as a string; the first of a repeated name, as SQLite's json_extract reads it.
            _keyAttributes?.TryAdd(_keyAttribute, reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan));
            _keyAttribute = null;
        }

        if (_capture != Field.None)
        {
            var value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
            switch (_capture)
            {
                case Field.RegionCode: _productRegion = value; break;
                case Field.UsageType when _usageType.Length == 0: _usageType = value; break;
                case Field.Operation when _operation.Length == 0: _operation = value; break;
                case Field.ServiceCode when _serviceCode.Length == 0: _serviceCode = value; break;
                default: break;
            }
        }
    }

    private static Field Match(ref Utf8JsonReader reader, (byte[] Name, Field Field)[] names)
    {
        foreach (var (name, field) in names)
        {
            if (reader.ValueTextEquals(name))
            {
                return field;
            }
        }

        return Field.None;
    }

    private void Assign(string value)
    {
        switch (_field)
        {
            case Field.FormatVersion: _formatVersion = value; break;
            case Field.OfferCode: _offerCode = value; break;
            case Field.Version: _version = value; break;
            case Field.PublicationDate: _publicationDate = value; break;
            case Field.RegionCode: _regionCode = value; break;
            case Field.Sku: if (_inSpTerm) { _termSku = value; } else { _sku = value; } break;
            case Field.Family: _family = value; break;
            case Field.ServiceCode: _serviceCode = value; break;
            case Field.UsageType: _usageType = value; break;
            case Field.Operation: _operation = value; break;
            case Field.OfferTermCode: _offerTermCode = value; break;
            case Field.EffectiveDate: _effectiveDate = value; break;
            case Field.RateCode: _rateCode = value; break;
            case Field.Description: _description = value; break;
            case Field.BeginRange: _beginRange = value; break;
            case Field.EndRange: _endRange = value; break;
            case Field.Unit: _unit = value; break;
            case Field.Currency: _amounts.Add((_attributeName, value)); break;
            case Field.TermAttribute: _termAttributes.Add(new(_attributeName, value)); break;
            case Field.LeaseDuration: _leaseDuration = value; break;
            case Field.LeaseUnit: _leaseUnit = value; break;
            case Field.DiscountedSku: _discountedSku = value; break;
            case Field.Price: _price = value; break;
            case Field.PriceCurrency: _priceCurrency = value; break;
            default: break;
        }
    }


    private void Leave(Ctx ended)
    {
        switch (ended)
        {
            case Ctx.Attributes:
                _attributesWriter.WriteEndObject();
                _attributesWriter.Flush();
                break;
            case Ctx.Product:
                EmitProduct();
                break;
            case Ctx.Dimension:
                foreach (var (currency, amount) in _amounts)
                {
                    _termRows.Add(new PriceRow(_termSku, _termType, _offerTermCode, _rateCode, _description, _unit, _beginRange, _endRange is "" or "Inf" ? null : _endRange,
                        amount, currency, "", "", "", "", ""));
                }

                break;
            case Ctx.Term:
                EmitTerm();
                break;
            case Ctx.SpRate:
                _termRows.Add(new PriceRow(_termSku, "SavingsPlan", "", _rateCode, _description, _unit, "0", null, _price, _priceCurrency, _effectiveDate,
                    _leaseDuration.Length > 0 ? $"{_leaseDuration}{(_leaseUnit is "year" or "years" ? "yr" : _leaseUnit)}" : "", "", "", _discountedSku));
                break;
            case Ctx.SpTerm:
                foreach (var row in _termRows)
                {
                    Emit(row with { Sku = _termSku, Description = _description, EffectiveDate = _effectiveDate, LeaseContractLength = _leaseDuration.Length > 0 ? $"{_leaseDuration}{(_leaseUnit is "year" or "years" ? "yr" : _leaseUnit)}" : "" });
                }

                _termRows.Clear();
                _inSpTerm = false;
                break;
            default:
                break;
        }
    }

    private void EmitProduct()
    {
        if (_sku.Length == 0)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, PositionOf(_rowOffset), "a product has no SKU");
        }

        var attributes = _json.WrittenCount == 0 ? "{}"u8.ToArray() : _json.WrittenSpan.ToArray();
        var region = _productRegion.Length > 0 ? _productRegion : _regionCode;
        _sink.Product(new ProductRow(_sku, _family, region, _usageType, _operation, attributes, _keyAttributes), new RowPosition(_rowOffset, 0));
    }

    private void EmitTerm()
    {
        string Attr(string name) => _termAttributes.FirstOrDefault(a => a.Key == name).Value ?? "";
        var lease = Attr("LeaseContractLength");
        var purchase = Attr("PurchaseOption");
        var offering = Attr("OfferingClass");
        foreach (var row in _termRows)
        {
            Emit(row with { Sku = _termSku, OfferTermCode = _offerTermCode, EffectiveDate = _effectiveDate, LeaseContractLength = lease, PurchaseOption = purchase, OfferingClass = offering });
        }

        _termRows.Clear();
    }

    private void Emit(PriceRow row)
    {
        PriceRowCheck.Validate(row, PositionOf(_rowOffset));
        _sink.Price(row, new RowPosition(_rowOffset, 0));
    }

    private void EnsureHeader()
    {
        if (_headerSent)
        {
            return;
        }

        if (_offerCode.Length == 0 && !(_regionCode.Length > 0 && _version.Length > 0))
        {
            throw NotAnOffer(_sawProducts || _sawTerms ? "'offerCode' is missing before its products and terms" : "it has no 'offerCode', 'products' or 'terms'");
        }

        _headerSent = true;
        _sink.Header(new OfferHeader(_offerCode.Length > 0 ? _offerCode : "AWSComputeSavingsPlan", _version, _publicationDate, _regionCode));
    }

    private InputException NotAnOffer(string why) =>
        new(DiagnosticCodes.InvalidPriceFile, PositionOf(_tokenOffset), $"not an AWS Price List offer file: {why}", "expected the JSON of .../offers/v1.0/aws/<offerCode>/<version>/<region>/index.json");

    // Line numbers are not kept while streaming (that would cost on every byte); the byte offset is exact.
    private SourceLocation PositionOf(long offset) => new($"{_fileName} (byte {offset})", 0, 0);
}
