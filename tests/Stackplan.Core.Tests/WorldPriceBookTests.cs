using System.Text.RegularExpressions;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests;

public sealed partial class WorldPriceBookTests
{
    private static readonly WorldPriceBook World = EmbeddedData.World;
    private static readonly IPriceBook Embedded = EmbeddedData.PriceBook();
    private static readonly ComponentCatalog Catalog = EmbeddedData.Catalog();

    /// <summary>Catalog keys the reference data has in no region: they are priced by the curated book (us-east-1) or missing.</summary>
    private static readonly HashSet<string> NotInTheWorldData = new(StringComparer.Ordinal)
    {
        "opensearch/ebs/gp3",          // OpenSearch domain storage: not in the feed (reference README)
        "elasticache/backup-storage",  // not in the feed
        "mwaa/metadb-storage",         // MWAA metadata database storage: not in the feed
    };

    /// <summary>
    /// Gaps of the reference data itself (checked in aws-prices.csv): the service is sold in the
    /// region, but no source has this key there. Such a line is missing there, loudly.
    /// </summary>
    private static readonly HashSet<string> GapsInTheData = new(StringComparer.Ordinal)
    {
        "backup/ebs-warm@ap-east-2", "backup/ebs-warm@ap-southeast-5", "backup/ebs-warm@ap-southeast-7", "backup/ebs-warm@mx-central-1", // the EBS feed (2024-07) predates these regions
        "xray/traces-scanned@eu-west-3", // the X-Ray feed has traces recorded and retrieved there, not scanned
    };

    /// <summary>
    /// The regions where the reference data has a key's service: for a key priced per product type
    /// (an instance, cache node, broker or database class: not every type is sold everywhere) the
    /// regions holding that very key; otherwise those holding any key of its family (the key without
    /// its last segment: ec2/ebs for ec2/ebs/gp3, cloudwatch/logs for cloudwatch/logs/storage), and
    /// for backup/ebs-warm, billed at the EBS snapshot rate, those of ec2/ebs.
    /// </summary>
    private static HashSet<string> RegionsOfService(string key)
    {
        string[] perType = ["ec2/instance/", "elasticache/node/", "rds/postgres/", "docdb/instance/", "opensearch/instance/", "msk/broker/", "mwaa/"];
        if (perType.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
        {
            return [.. World.RegionsWith(key)];
        }

        var family = key == "backup/ebs-warm" ? "ec2/ebs/" : key[..(key.LastIndexOf('/') + 1)];
        return [.. World.Keys.Where(k => k.StartsWith(family, StringComparison.Ordinal)).SelectMany(World.RegionsWith).Where(r => r != WorldPriceBook.GlobalRegion)];
    }

    [Fact]
    public void Every_catalog_price_key_is_priced_in_every_region_where_the_data_has_its_service_and_never_from_another_region()
    {
        var problems = new List<string>();
        foreach (var key in CatalogKeys().Where(k => !NotInTheWorldData.Contains(k)))
        {
            var regions = RegionsOfService(key);
            regions.ShouldNotBeEmpty($"'{key}': no region of the world book has its service");
            foreach (var region in regions.Order(StringComparer.Ordinal).Where(r => !GapsInTheData.Contains(key + "@" + r)))
            {
                var price = Embedded.Find(key, region);
                if (price is null)
                {
                    problems.Add($"{key} has no price in {region}");
                }
                else if (price.Region != region && price.Region != WorldPriceBook.GlobalRegion)
                {
                    problems.Add($"{key} in {region} came from {price.Region}");
                }
            }

            // Everywhere else the key is missing, never borrowed.
            foreach (var region in World.Regions.Select(r => r.Region).Where(r => !regions.Contains(r)))
            {
                if (Embedded.Find(key, region) is { } price && price.Region != region && price.Region != WorldPriceBook.GlobalRegion)
                {
                    problems.Add($"{key} in {region} came from {price.Region}");
                }
            }
        }

        problems.ShouldBeEmpty();
        GapsInTheData.Where(g => Embedded.Find(g[..g.IndexOf('@')], g[(g.IndexOf('@') + 1)..]) is not null).ShouldBeEmpty("the gap is filled: take it off the list");
    }

    [Fact]
    public void A_key_is_never_found_in_a_region_that_does_not_price_it()
    {
        // m7i-flex and the 2026 families are priced in us-east-1 only (reference README): other regions miss them.
        World.Find("ec2/instance/c8i.large", "us-east-1").ShouldNotBeNull();
        World.Find("ec2/instance/c8i.large", "eu-west-1").ShouldBeNull();
        World.RegionsWith("ec2/instance/c8i.large").ShouldBe(["us-east-1"]);
    }

    [Fact]
    public void Account_wide_prices_are_found_from_every_region()
    {
        World.Find("cloudwatch/dashboard", "eu-west-1")!.Region.ShouldBe(WorldPriceBook.GlobalRegion);
    }

    [Theory]
    [InlineData("us-east-1", "ec2/instance/m5.large", 0.096)]
    [InlineData("eu-west-1", "ec2/instance/m5.large", 0.107)]
    [InlineData("ap-southeast-2", "ec2/instance/t3.medium", 0.0528)]
    [InlineData("eu-central-1", "ec2/instance/m7g.xlarge", 0.1955)]
    [InlineData("us-east-1", "ec2/instance/c7i-flex.large", 0.08479)]
    [InlineData("us-east-1", "ec2/instance/m5.metal", 4.608)]
    [InlineData("us-east-1", "ec2/instance/p5.48xlarge", 55.04)]
    [InlineData("us-gov-west-1", "ec2/instance/m5.large", 0.121)]
    [InlineData("eu-west-1", "ec2/nat-gateway/hour", 0.048)]
    [InlineData("us-east-1", "eks/cluster/extended", 0.60)]
    [InlineData("eu-central-1", "ecs/fargate/vcpu-hour", 0.04656)]
    [InlineData("eu-central-1", "ecs/fargate/gb-hour", 0.00511)]
    [InlineData("us-east-1", "ec2/ebs/gp3-throughput", 0.04)]
    [InlineData("us-east-1", "transfer/internet-out", 0.09)]
    public void The_world_book_agrees_with_the_reference_spot_checks(string region, string key, double usd)
    {
        World.Find(key, region)!.FirstPaidUnitPrice.ShouldBe((decimal)usd);
    }

    [Fact]
    public void Karpenter_metal_prices_are_set_aside_for_the_pricing_page_feeds()
    {
        // Reference README: karpenter 2.3066 vs yeo, QuinnyPig and lamng 2.176.
        var metal = World.Find("ec2/instance/c6g.metal", "us-east-1")!;
        metal.FirstPaidUnitPrice.ShouldBe(2.176m);
        metal.Source.ShouldStartWith("lamngockhuong/aws-price@");
    }

    [Fact]
    public void Every_world_entry_names_its_source_commit_and_date()
    {
        foreach (var entry in World.EntriesIn("eu-west-1"))
        {
            entry.Source.ShouldMatch(@"^[\w.-]+/[\w.-]+@[0-9a-f]{40}:", entry.Key);
            entry.AsOf.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T", entry.Key);
        }

        World.Find("eks/cluster/standard", "eu-west-1")!.RateCode.ShouldNotBeEmpty();
    }

    [Fact]
    public void S3_standard_storage_has_the_three_price_list_tiers()
    {
        var s3 = Embedded.Find("s3/standard-storage", "us-east-1")!;
        s3.Tiers.Select(t => (t.From, t.To, t.UnitPrice)).ShouldBe([(0m, 51_200m, 0.023m), (51_200m, 512_000m, 0.022m), (512_000m, null, 0.021m)]);
        s3.Cost(1_000_000m, false).Cost.ShouldBe(21_563.20m);
        s3.Cost(10_000m, false).Cost.ShouldBe(230.00m);
    }

    [Fact]
    public void A_curated_description_that_says_first_n_has_a_bound_and_a_next_tier()
    {
        var curated = EmbeddedData.CuratedBook().Entries.Where(e => FirstN().IsMatch(e.Description));
        curated.ShouldAllBe(e => e.Tiers.Length > 1 && e.Tiers[0].To != null);
    }

    [Fact]
    public void Every_shipped_instance_type_is_priced_in_us_east_1()
    {
        var types = EmbeddedData.InstanceTypes();
        types.Names.Count().ShouldBeGreaterThan(1300);
        foreach (var name in new[] { "t3.small", "t3.xlarge", "t3a.large", "m5.4xlarge", "m6i.large", "m7i.large", "m7g.large", "c7g.xlarge", "r6g.large" })
        {
            types.Find(name).ShouldNotBeNull(name);
            Embedded.Find($"ec2/instance/{name}", "us-east-1").ShouldNotBeNull(name);
        }

        var m6i = types.Find("m6i.large")!;
        (m6i.VCpu, m6i.MemoryGiB, m6i.MaxPods, m6i.Architecture).ShouldBe((2m, 8m, 29, "amd64"));
        types.Find("m7g.large")!.Architecture.ShouldBe("arm64");
        types.Find("p5.48xlarge")!.Gpus.ShouldBe(8);
    }

    [Fact]
    public void Every_shipped_instance_type_row_reads_though_rows_are_parsed_only_when_used()
    {
        var types = EmbeddedData.InstanceTypes();
        types.Names.Select(types.Find).ShouldAllBe(t => t != null && t.VCpu > 0 && t.MemoryGiB > 0 && t.MaxPods > 0);
    }

    [Fact]
    public void Every_world_row_of_a_region_reads()
    {
        World.EntriesIn("us-east-1").Count().ShouldBe(World.Regions.Single(r => r.Region == "us-east-1").Keys);
    }

    [Fact]
    public void Regions_load_only_when_asked_for()
    {
        var book = new WorldPriceBook(EmbeddedData.WorldProvider, EmbeddedData.WorldFolder, name => typeof(EmbeddedData).Assembly.GetManifestResourceStream(name));
        var opened = new List<string>();
        var counting = new WorldPriceBook(EmbeddedData.WorldProvider, EmbeddedData.WorldFolder, name =>
        {
            opened.Add(name);
            return typeof(EmbeddedData).Assembly.GetManifestResourceStream(name);
        });

        counting.Find("eks/cluster/standard", "eu-west-1").ShouldNotBeNull();
        opened.Where(n => n.EndsWith(".csv", StringComparison.Ordinal) && !n.EndsWith("/regions.csv", StringComparison.Ordinal) && !n.EndsWith("/sources.csv", StringComparison.Ordinal))
            .ShouldBe([EmbeddedData.WorldFolder + "/eu-west-1.csv"]);
        book.Find("eks/cluster/standard", "mars-north-1").ShouldBeNull();
    }

    private static IEnumerable<string> CatalogKeys() =>
        Catalog.Components.Where(c => c.RunsOn("aws")).SelectMany(c => c.Costs.Concat(c.Modes.SelectMany(m => m.Costs)).Select(r => Expand(r.PriceKey, c))).Distinct().Order(StringComparer.Ordinal)
            .Concat(["ec2/instance/m5.large", "ec2/ebs/gp3", "ec2/ebs/gp3-iops", "ec2/ebs/gp3-throughput", "ecs/fargate/vcpu-hour", "ecs/fargate/gb-hour", "ecs/fargate/arm/vcpu-hour", "ecs/fargate/arm/gb-hour"]);

    private static string Expand(string template, Component component) =>
        Placeholder().Replace(template, m =>
            m.Groups[1].Value.StartsWith("provider.", StringComparison.Ordinal) ? Stackplan.Core.Providers.Aws.AwsProfile.Instance.StoragePriceKeys[m.Groups[1].Value["provider.".Length..]]
            : component.Settings.TryGetValue(m.Groups[1].Value, out var value) && value.Text is { } text ? text : m.Value);

    [GeneratedRegex(@"\{([a-z_.-]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bfirst \d", RegexOptions.IgnoreCase)]
    private static partial Regex FirstN();
}
