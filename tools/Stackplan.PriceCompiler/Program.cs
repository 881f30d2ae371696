using System.Diagnostics;
using Stackplan.PriceCompiler;

// Usage: dotnet run --project tools/Stackplan.PriceCompiler -c Release -- [REFERENCE_FOLDER] [REPO_ROOT]
// (REFERENCE_FOLDER defaults to shared/reference/price-data beside the repository or a folder above it)
// Compiles ../shared/reference/price-data into data/prices/world/aws/, data/instance-types.csv and
// docs/price-disagreements.md. Run it when the reference data changes and commit what it writes.
var root = args.Length > 1 ? args[1] : FindRoot(Directory.GetCurrentDirectory());
var reference = args.Length > 0 ? args[0] : FindReference(root);
if (!File.Exists(Path.Combine(reference, "aws-prices.csv")))
{
    Console.Error.WriteLine($"error: no aws-prices.csv in '{reference}' (pass the reference price-data folder as the first argument)");
    return 2;
}

var clock = Stopwatch.StartNew();
var result = AwsCompiler.Compile(reference, File.ReadAllText(Path.Combine(root, "data", "prices", "aws-curated.csv")));
var compiled = clock.Elapsed;
var world = Path.Combine(root, AwsCompiler.WorldFolder);
if (Directory.Exists(world))
{
    // Regions the data no longer has must not linger in the artifact.
    foreach (var stale in Directory.GetFiles(world))
    {
        File.Delete(stale);
    }
}

foreach (var file in result.Files)
{
    var path = Path.Combine(root, file.Path);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllBytes(path, file.Content);
}

var bytes = result.Files.Where(f => f.Path.StartsWith(AwsCompiler.WorldFolder, StringComparison.Ordinal)).Sum(f => (long)f.Content.Length);
Console.WriteLine($"compiled {result.Entries:N0} prices ({result.Keys:N0} keys) in {result.Regions} regions and {result.InstanceTypes:N0} instance types in {compiled.TotalSeconds:0.00} s");
Console.WriteLine($"world book: {bytes:N0} bytes in {AwsCompiler.WorldFolder}; {result.Disagreements:N0} disagreements in {AwsCompiler.DisagreementsPath}");
if (result.Unmapped.Count > 0)
{
    Console.WriteLine($"not mapped to a catalog key ({result.Unmapped.Count}): {string.Join(", ", result.Unmapped)}");
}

return 0;

// ../shared/reference/price-data beside the repository, or beside a folder above it (a worktree).
static string FindReference(string root)
{
    for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "reference", "price-data");
        if (File.Exists(Path.Combine(candidate, "aws-prices.csv")))
        {
            return candidate;
        }
    }

    return Path.GetFullPath(Path.Combine(root, "..", "shared", "reference", "price-data"));
}

static string FindRoot(string from)
{
    for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Stackplan.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the Stackplan repository, or pass the repository root as the second argument");
}
