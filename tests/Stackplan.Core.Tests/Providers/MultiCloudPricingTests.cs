using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Providers;
using Stackplan.Core.Providers.Azure;
using Stackplan.Core.Providers.Gcp;
using Stackplan.Core.Sizing;
using Stackplan.Testing;

namespace Stackplan.Core.Tests.Providers;

/// <summary>Azure and Google Cloud deployments are priced from their own books, and only from them.</summary>
public sealed class MultiCloudPricingTests
{
    private static readonly Estimator Embedded = EmbeddedData.Estimator();

    private static Bill Bill(string yaml, string environment = "prod", string option = "default")
    {
        var spec = SpecReader.Read(yaml, "multi.yaml");
        return Embedded.Estimate(spec, new DeploymentRef(environment, option, spec.Location));
    }

    private const string OneSpec = """
        stackplan: 1
        name: three-clouds
        region: us-east-1
        usage:
          logs_gb_per_day: 2
        capabilities:
          logs: cloudwatch-logs
        environments:
          prod:
            zones: 3
            natGateways: per-az
            nodeGroups:
              - {name: system, instanceType: m5.large, count: 3}
          prod-azure:
            extends: prod
            provider: azure
            region: eastus
            nodeGroups:
              - {name: system, instanceType: Standard_D4s_v3, count: 3, disk: {sizeGb: 128}}
          prod-gcp:
            extends: prod
            provider: gcp
            region: us-east4
            nodeGroups:
              - {name: system, instanceType: e2-standard-4, count: 3, disk: {sizeGb: 100}}
        """;

    [Fact]
    public void A_Standard_D4s_v3_node_is_priced_from_the_compiled_book_with_its_source_and_date()
    {
        var line = Bill(OneSpec, "prod-azure").Lines.Single(l => l.PriceKey == "azure/vm/Standard_D4s_v3");

        line.UnitPrice.ShouldBe(0.192m);
        line.Monthly!.Value.Expected.ShouldBe(420.48m);  // 3 x 730 h x $0.192
        line.Price!.Book.ShouldBe(WorldPriceBook.BookName);
        line.Price.Source.ShouldContain("Azure/karpenter-provider-azure@352646f5");
        line.Price.AsOf.ShouldStartWith("2026-06-18");
    }

    [Fact]
    public void An_e2_standard_4_node_and_its_pd_balanced_disk_are_priced_from_the_compiled_book()
    {
        var bill = Bill(OneSpec, "prod-gcp");

        bill.Lines.Single(l => l.PriceKey == "gce/instance/e2-standard-4").Price!.Source.ShouldContain("Cyclenerd/google-cloud-pricing-cost-calculator@fd66b26f");
        bill.Lines.Single(l => l.PriceKey == "gce/disk/pd-balanced").Monthly!.Value.Expected.ShouldBe(33.00m);  // 3 x 100 GiB x $0.11 (us-east4)
    }

    [Fact]
    public void An_AWS_service_in_an_Azure_deployment_is_missing_never_priced_with_AWS_prices()
    {
        var bill = Bill(OneSpec, "prod-azure");

        var logs = bill.Lines.Where(l => l.Component == "cloudwatch-logs").ToList();
        logs.ShouldNotBeEmpty();
        logs.ShouldAllBe(l => l.MissingPrice && l.Monthly == null);
        bill.Lines.ShouldNotContain(l => l.Price != null && (l.Price.Key.StartsWith("ec2/", StringComparison.Ordinal) || l.Price.Key.StartsWith("cloudwatch/", StringComparison.Ordinal)));
        bill.Warnings.ShouldContain(w => w.Code == DiagnosticCodes.MissingPrice && w.Message.Contains("'cloudwatch/logs/ingestion/standard' in Azure eastus", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_cloud_brings_its_own_control_plane_and_NAT_and_no_other_clouds()
    {
        Bill(OneSpec, "prod").Lines.Select(l => l.Component).ShouldContain("eks-control-plane");
        var azure = Bill(OneSpec, "prod-azure").Lines.Select(l => l.Component).ToList();
        azure.ShouldContain("aks-control-plane");
        azure.ShouldContain("azure-nat-gateway");
        azure.ShouldNotContain("eks-control-plane");
        azure.ShouldNotContain("nat-gateway");
        var gcp = Bill(OneSpec, "prod-gcp").Lines.Select(l => l.Component).ToList();
        gcp.ShouldContain("gke-control-plane");
        gcp.ShouldContain("cloud-nat");
        gcp.ShouldNotContain("aks-control-plane");
    }

    [Fact]
    public void The_AKS_tier_is_an_environment_setting_and_Premium_has_no_cited_price()
    {
        var spec = OneSpec.Replace("""
                  - {name: system, instanceType: Standard_D4s_v3, count: 3, disk: {sizeGb: 128}}
            """, """
                  - {name: system, instanceType: Standard_D4s_v3, count: 3, disk: {sizeGb: 128}}
                components:
                  aks-control-plane: {settings: {tier: premium}}
            """, StringComparison.Ordinal);
        var line = Bill(spec, "prod-azure").Lines.Single(l => l.Component == "aks-control-plane");

        line.PriceKey.ShouldBe("aks/cluster/premium");
        line.MissingPrice.ShouldBeTrue();
    }

    [Fact]
    public void A_region_the_provider_does_not_have_is_refused_with_the_nearest_name()
    {
        var error = Should.Throw<InputException>(() => Bill(OneSpec.Replace("region: eastus", "region: east-us", StringComparison.Ordinal), "prod-azure"));

        error.Diagnostics.ShouldContain(d => d.Code == DiagnosticCodes.UnsupportedProvider && d.Message.Contains("unknown Azure region 'east-us'", StringComparison.Ordinal));
        error.Message.ShouldContain("did you mean 'eastus'?");
    }

    [Theory]
    [InlineData("prod-gcp", "prod-azure", "'us-east44'")]
    [InlineData("prod-azure", "prod-gcp", "'east-us'")]
    public void Of_deployments_priced_together_the_failure_reported_is_the_first_in_their_order(string first, string second, string firstError)
    {
        // Deployments are priced on several threads at once: the error must not depend on which finishes first.
        var spec = SpecReader.Read(
            OneSpec.Replace("region: eastus", "region: east-us", StringComparison.Ordinal).Replace("region: us-east4", "region: us-east44", StringComparison.Ordinal), "multi.yaml");
        DeploymentRef[] targets = [new(first, "default", spec.Location), new(second, "default", spec.Location)];

        for (var run = 0; run < 25; run++)
        {
            var error = Should.Throw<InputException>(() => Embedded.EstimateAll(spec, targets));
            error.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain(firstError);
        }
    }

    [Fact]
    public void An_environment_on_another_provider_without_a_region_takes_that_providers_default()
    {
        var bill = Bill(OneSpec.Replace("    region: us-east4\n", "", StringComparison.Ordinal), "prod-gcp");

        bill.Deployment.Region.ShouldBe("us-central1");
    }

    [Theory]
    // AKS 1.29+: CPU 140 m for 4 cores; memory min(20 MB x 250 pods + 50 MB, 25% of 16 GiB) + 100 Mi eviction.
    [InlineData(4, 16, 250, 140, 4196)]
    // 8 GB, 30 pods: the doc's example, 20 x 30 + 50 = 650 MB kube-reserved.
    [InlineData(2, 8, 30, 100, 750)]
    public void The_AKS_reserve_follows_the_node_resource_reservations_page(int vcpu, int memoryGib, int maxPods, int cpuMillis, int memoryMib)
    {
        AzureProfile.Instance.Reserve(new InstanceType("x", vcpu, memoryGib, maxPods, "test")).ShouldBe(new NodeReserve(cpuMillis, memoryMib));
    }

    [Fact]
    public void The_GKE_reserve_follows_the_allocatable_rules()
    {
        // e2-standard-4: CPU 60 + 10 + 5 + 5 = 80 m; memory 25% of 4 GiB + 20% of 4 GiB + 10% of 8 GiB = 2.6 GiB = 2662.4 MiB, + 100 MiB.
        GcpProfile.Instance.Reserve(new InstanceType("e2-standard-4", 4, 16, 110, "test")).ShouldBe(new NodeReserve(80m, 2762.4m));
    }

    [Fact]
    public void Azure_node_disks_are_billed_per_disk_of_the_size_tier_holding_them()
    {
        AzureProfile.Instance.DiskPrice("premium-ssd", 20).ShouldBe(new NodeDiskPrice("azure/managed-disk/p4", PerDisk: true));
        AzureProfile.Instance.DiskPrice("premium-ssd", 128).Key.ShouldBe("azure/managed-disk/p10");
        AzureProfile.Instance.DiskPrice("standard-ssd", 129).Key.ShouldBe("azure/managed-disk/e15");
    }

    [Fact]
    public void A_GKE_Autopilot_pod_takes_the_smallest_size_covering_its_requests()
    {
        var autopilot = GcpProfile.Instance.Serverless!;

        autopilot.SizeFor(100, 200).ShouldBe((0.25m, 0.5m));
        autopilot.SizeFor(500, 4096).ShouldBe((0.75m, 4m));  // 4 GiB needs 0.75 vCPU at 6.5 GiB per vCPU at most
    }
}
