using Stackplan.Core.Parsing;
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

        ShouldBeCommitted(result, AwsCompiler.WorldFolder);
    }

    [ReferenceDataFact]
    public void Re_running_the_compiler_reproduces_the_committed_Azure_and_Google_Cloud_books_byte_for_byte()
    {
        ShouldBeCommitted(CloudCompilers.CompileAzure(ReferencePriceData.Folder!), CloudCompilers.AzureFolder);
        ShouldBeCommitted(CloudCompilers.CompileGcp(ReferencePriceData.Folder!), CloudCompilers.GcpFolder);
    }

    [ReferenceDataFact]
    public void The_Azure_book_leaves_out_the_pairs_its_two_sources_price_differently()
    {
        // Standard_D4as_v5 in australiacentral: karpenter 0.40 vs anycloud 0.216 (reference README: a Windows-looking meter).
        var azure = CloudCompilers.CompileAzure(ReferencePriceData.Folder!);

        azure.Files.ShouldContain(f => f.Path == CloudCompilers.AzureFolder + "/australiacentral.csv");
        EmbeddedData.Worlds.Single(w => w.Provider == "azure").Find("azure/vm/Standard_D4as_v5", "australiacentral").ShouldBeNull();
        EmbeddedData.Worlds.Single(w => w.Provider == "azure").Find("azure/vm/Standard_D2s_v5", "eastus")!.FirstPaidUnitPrice.ShouldBe(0.096m);
    }

    /// <summary>Every file the compile writes is committed as written, and the world folder holds nothing else.</summary>
    private static void ShouldBeCommitted(CompileResult result, string worldFolder)
    {
        foreach (var file in result.Files)
        {
            var committed = Path.Combine(Examples.Root, file.Path);
            File.Exists(committed).ShouldBeTrue($"{file.Path} is not committed: run tools/Stackplan.PriceCompiler");
            File.ReadAllBytes(committed).SequenceEqual(file.Content).ShouldBeTrue($"{file.Path} differs from what the compiler writes: run tools/Stackplan.PriceCompiler and commit");
        }

        var written = result.Files.Select(f => f.Path).Where(p => p.StartsWith(worldFolder, StringComparison.Ordinal)).ToHashSet();
        var stale = Directory.GetFiles(Path.Combine(Examples.Root, worldFolder))
            .Select(f => worldFolder + "/" + Path.GetFileName(f)).Where(p => !written.Contains(p));
        stale.ShouldBeEmpty("files the compiler no longer writes");
    }

    [ReferenceDataFact]
    public void Every_reference_key_is_mapped_to_a_catalog_key()
    {
        var curated = File.ReadAllText(Path.Combine(Examples.Root, "data", "prices", "aws-curated.csv"));
        AwsCompiler.Compile(ReferencePriceData.Folder!, curated).Unmapped.ShouldBeEmpty();
    }
}
