using System.Diagnostics;
using System.Globalization;
using Stackplan.OfferGen;

// offergen generate FILE SIZE_MB [SEED]   writes a synthetic EC2-like region offer file
// offergen scan FILE                      bare Utf8JsonReader pass: the practical ceiling for an importer
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

Console.Error.WriteLine("usage: offergen generate FILE SIZE_MB [SEED] | offergen scan FILE");
return 2;
