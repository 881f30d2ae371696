using System.Diagnostics;
using Stackplan.PriceCompiler;

// Usage: dotnet run --project tools/Stackplan.PriceCompiler -c Release -- [REFERENCE_FOLDER] [REPO_ROOT]
// (REFERENCE_FOLDER defaults to shared/reference/price-data beside the repository or a folder above it)
// Compiles ../shared/reference/price-data into data/prices/world/{aws,azure,gcp}/, data/instance-types*.csv
// and docs/price-disagreements.md. Run it when the reference data changes and commit what it writes.
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
WriteArtifact(root, AwsCompiler.WorldFolder, result.Files);

// Azure and Google Cloud: their own folders, written the same way; each folder is replaced whole.
foreach (var (name, folder, compile) in new (string, string, Func<string, CompileResult>)[]
{
    ("Azure", CloudCompilers.AzureFolder, CloudCompilers.CompileAzure),
    ("Google Cloud", CloudCompilers.GcpFolder, CloudCompilers.CompileGcp),
})
{
    var cloud = compile(reference);
    WriteArtifact(root, folder, cloud.Files);

    Console.WriteLine($"{name}: compiled {cloud.Entries:N0} prices ({cloud.Keys:N0} keys) in {cloud.Regions} regions and {cloud.InstanceTypes:N0} instance types");
}

var bytes = result.Files.Where(f => f.Path.StartsWith(AwsCompiler.WorldFolder, StringComparison.Ordinal)).Sum(f => (long)f.Content.Length);
Console.WriteLine($"compiled {result.Entries:N0} prices ({result.Keys:N0} keys) in {result.Regions} regions and {result.InstanceTypes:N0} instance types in {compiled.TotalSeconds:0.00} s");
Console.WriteLine($"world book: {bytes:N0} bytes in {AwsCompiler.WorldFolder}; {result.Disagreements:N0} disagreements in {AwsCompiler.DisagreementsPath}");
if (result.Unmapped.Count > 0)
{
    Console.WriteLine($"not mapped to a catalog key ({result.Unmapped.Count}): {string.Join(", ", result.Unmapped)}");
}

return 0;

// Writes a compile's files; the world folder is emptied first, so regions the data no longer has do not linger.
static void WriteArtifact(string root, string worldFolder, IEnumerable<ArtifactFile> files)
{
    var world = Path.Combine(root, worldFolder);
    if (Directory.Exists(world))
    {
        foreach (var stale in Directory.GetFiles(world))
        {
            File.Delete(stale);
        }
    }

    foreach (var file in files)
    {
        var path = Path.Combine(root, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, file.Content);
    }
}

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
