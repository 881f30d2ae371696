using Stackplan.PriceCompiler;

namespace Stackplan.Core.Tests;

/// <summary>Where the cited reference price data is, when this checkout has it (CI does not need it).</summary>
internal static class ReferencePriceData
{
    public static string? Folder { get; } = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("STACKPLAN_PRICE_REFERENCE") is { Length: > 0 } given)
        {
            return File.Exists(Path.Combine(given, "aws-prices.csv")) ? given : null;
        }

        // ../shared/reference/price-data beside the repository, or beside any folder above it (a worktree).
        for (var dir = new DirectoryInfo(Examples.Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "price-data");
            if (File.Exists(Path.Combine(candidate, "aws-prices.csv")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the reference price data; skipped, saying why, where it is absent.</summary>
public sealed class ReferenceDataFactAttribute : FactAttribute
{
    public ReferenceDataFactAttribute()
    {
        if (ReferencePriceData.Folder is null)
        {
            Skip = "the reference price data (../shared/reference/price-data or STACKPLAN_PRICE_REFERENCE) is not in this checkout; the committed artifact is used as it is";
        }
    }
}

public sealed class PriceCompilerTests
{
    [ReferenceDataFact]
    public void Re_running_the_compiler_reproduces_the_committed_artifact_byte_for_byte()
    {
        var curated = File.ReadAllText(Path.Combine(Examples.Root, "data", "prices", "aws-curated.csv"));
        var result = AwsCompiler.Compile(ReferencePriceData.Folder!, curated);

        foreach (var file in result.Files)
        {
            var committed = Path.Combine(Examples.Root, file.Path);
            File.Exists(committed).ShouldBeTrue($"{file.Path} is not committed: run tools/Stackplan.PriceCompiler");
            File.ReadAllBytes(committed).SequenceEqual(file.Content).ShouldBeTrue($"{file.Path} differs from what the compiler writes: run tools/Stackplan.PriceCompiler and commit");
        }

        var written = result.Files.Select(f => f.Path).Where(p => p.StartsWith(AwsCompiler.WorldFolder, StringComparison.Ordinal)).ToHashSet();
        var stale = Directory.GetFiles(Path.Combine(Examples.Root, AwsCompiler.WorldFolder))
            .Select(f => AwsCompiler.WorldFolder + "/" + Path.GetFileName(f)).Where(p => !written.Contains(p));
        stale.ShouldBeEmpty("files the compiler no longer writes");
    }

    [ReferenceDataFact]
    public void Every_reference_key_is_mapped_to_a_catalog_key()
    {
        var curated = File.ReadAllText(Path.Combine(Examples.Root, "data", "prices", "aws-curated.csv"));
        AwsCompiler.Compile(ReferencePriceData.Folder!, curated).Unmapped.ShouldBeEmpty();
    }
}
