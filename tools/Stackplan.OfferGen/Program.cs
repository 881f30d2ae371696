using System.Diagnostics;
using System.Globalization;
using Stackplan.OfferGen;

// offergen generate FILE SIZE_MB [SEED]   writes a synthetic EC2-like region offer file
// offergen scan FILE                      bare Utf8JsonReader pass: the practical ceiling for an importer
// offergen parse FILE                     the importer's JSON reader with a sink that only counts (no SQLite)
if (args is ["generate", var path, var megabytes, ..])
{
    var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 42;
    using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    var products = SyntheticOffer.Write(file, long.Parse(megabytes, CultureInfo.InvariantCulture) * 1024 * 1024, seed);
    Console.WriteLine($"{path}: {products} products, {file.Length / 1048576.0:0.0} MB");
    return 0;
}

if (args is ["scan", var input])
{
    var clock = Stopwatch.StartNew();
    using var file = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    var tokens = SyntheticOffer.Scan(file);
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"{tokens} tokens, {file.Length / 1048576.0:0.0} MB in {seconds:0.00} s = {file.Length / 1048576.0 / seconds:0.0} MB/s");
    return 0;
}

if (args is ["parse", var offer])
{
    // The importer's reader alone, rows counted and dropped: what the import costs before SQLite.
    var clock = Stopwatch.StartNew();
    using var file = new FileStream(offer, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    var sink = new CountingSink();
    new Stackplan.PriceBook.OfferJsonReader(offer, sink, term => term == "OnDemand").Read(file);
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"{sink.Products} products, {sink.Prices} prices, {file.Length / 1048576.0:0.0} MB in {seconds:0.00} s = {file.Length / 1048576.0 / seconds:0.0} MB/s");
    return 0;
}

Console.Error.WriteLine("usage: offergen generate FILE SIZE_MB [SEED] | offergen scan FILE | offergen parse FILE");
return 2;

internal sealed class CountingSink : Stackplan.PriceBook.IOfferSink
{
    public long Products { get; private set; }

    public long Prices { get; private set; }

    public void Header(Stackplan.PriceBook.OfferHeader header)
    {
    }

    public void Product(Stackplan.PriceBook.ProductRow product, Stackplan.PriceBook.RowPosition at, bool mayRepeat = false) => Products++;

    public void Price(Stackplan.PriceBook.PriceRow price, Stackplan.PriceBook.RowPosition at) => Prices++;
}
