using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests;

/// <summary>The figures the example READMEs set against seeds 001-004, checked where they are computed.</summary>
public sealed class SeedExampleEstimateTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    private static Bill BillFor(string example, string environment, string option)
    {
        var spec = Examples.Spec(example);
        return Estimator.Estimate(spec, new DeploymentRef(environment, option, spec.Location));
    }

    private static decimal Expected(Bill bill, string lineId) => bill.FindLine(lineId)!.Monthly!.Value.Expected;

    [Fact]
    public void Three_t3_large_nodes_cost_182_21_a_month_not_the_150_seed_002_says()
    {
        Expected(BillFor("hera-prod", "baseline", "managed-k8s"), "nodes/general-t3-large-on-demand").ShouldBe(182.21m);
    }

    [Fact]
    public void Seed_002s_Azure_system_nodes_are_three_Standard_D4s_v3_priced_from_the_compiled_book()
    {
        var line = BillFor("hera-prod", "prod-azure", "managed-k8s").FindLine("nodes/system-standard-d4s-v3-on-demand")!;

        // 3 x 730 h x $0.192 (eastus, Linux pay-as-you-go)
        line.Monthly!.Value.Expected.ShouldBe(420.48m);
        line.Price!.Source.ShouldContain("Azure/karpenter-provider-azure@352646f5");
        line.Price.AsOf.ShouldStartWith("2026-06-18");
    }

    [Fact]
    public void Seed_002s_Google_Cloud_variant_names_each_price_it_lacks()
    {
        var bill = BillFor("hera-prod", "prod-gcp", "managed-k8s");

        bill.FindLine("nodes/system-e2-standard-4-on-demand")!.Monthly!.Value.Expected.ShouldBe(330.56m);  // 3 x 730 h x $0.15094164 (us-east4)
        bill.MissingPrices.Select(l => l.PriceKey).Order(StringComparer.Ordinal).ShouldBe(["cloud-kms/key-version", "cloud-logging/ingestion"]);
    }

    [Fact]
    public void Interface_endpoints_are_billed_in_every_zone()
    {
        // 7 endpoints x 3 zones x 730 h x $0.01
        Expected(BillFor("hera-prod", "prod", "managed-k8s"), "vpc-endpoints/interface-endpoint-hours").ShouldBe(153.30m);
    }

    [Fact]
    public void Multi_AZ_RDS_is_priced_from_the_instance_class_and_availability_settings()
    {
        // eu-west-1: 730 h x $0.156 Multi-AZ, x $0.078 Single-AZ.
        Expected(BillFor("mlops-eks", "prod", "aws"), "rds-postgres/database-instance").ShouldBe(113.88m);
        Expected(BillFor("mlops-eks", "dev", "aws"), "rds-postgres/database-instance").ShouldBe(56.94m);
    }

    [Fact]
    public void A_scale_to_zero_spot_group_pays_for_its_hours_at_the_stated_discount()
    {
        // eu-west-1: 200 h x $0.768 x (1 - 0.65)
        Expected(BillFor("mlops-eks", "prod", "aws"), "nodes/training-c5-4xlarge-spot").ShouldBe(53.76m);
    }

    [Fact]
    public void On_ECS_Fargate_the_staging_environment_has_no_control_plane_or_nodes()
    {
        var bill = BillFor("omc-ecs-vs-eks", "staging-ecs", "cloudwatch");

        bill.Lines.ShouldNotContain(l => l.Component == "eks-control-plane" && l.Monthly!.Value.Expected > 0);
        bill.Lines.ShouldNotContain(l => l.Component == "nodes");
        bill.Monthly.Expected.ShouldBe(120.11m);
    }

    [Fact]
    public void On_premises_self_managed_volumes_and_object_stores_are_not_priced_as_AWS_storage()
    {
        var bill = BillFor("alphacar-migration", "onprem-owned", "keep-oss");

        bill.Lines.Where(l => l.Monthly is { } m && m.Expected > 0)
            .Select(l => l.PriceKey)
            .ShouldAllBe(key => !key.StartsWith("ec2/ebs/", StringComparison.Ordinal) && !key.StartsWith("s3/", StringComparison.Ordinal));
        bill.Monthly.Expected.ShouldBe(2400m);
    }

    [Fact]
    public void The_on_premises_servers_at_refresh_cost_the_seeds_hardware_over_three_years()
    {
        Expected(BillFor("alphacar-migration", "onprem-refresh", "keep-oss"), "nodes/servers-onprem-server-servers").ShouldBe(2777.79m);
    }
}
