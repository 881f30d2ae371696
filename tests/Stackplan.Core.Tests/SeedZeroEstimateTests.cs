using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests;

public sealed class SeedZeroEstimateTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();
    private static readonly PlatformSpec Spec = Examples.Spec("nist-observability");

    private static Bill BillFor(string env, string option) => Estimator.Estimate(Spec, new DeploymentRef(env, option, Spec.Location));

    [Fact]
    public void The_example_compares_the_three_deployments_of_seed_zero()
    {
        var bills = Estimator.EstimateAll(Spec);

        bills.Select(b => b.Deployment.Name).ShouldBe(["prod/self-managed", "dev/self-managed", "prod-aws/aws-managed"]);
    }

    [Fact]
    public void Each_deployment_total_is_the_sum_of_its_line_items_to_the_cent()
    {
        foreach (var bill in Estimator.EstimateAll(Spec))
        {
            var sum = bill.Lines.Where(l => l.Monthly is not null).Sum(l => l.Monthly!.Value.Expected);
            bill.Monthly.Expected.ShouldBe(sum, bill.Deployment.Name);
            bill.Lines.Where(l => l.Monthly is not null).ShouldAllBe(l => l.Monthly!.Value.Expected == Math.Round(l.Monthly!.Value.Expected, 2));
        }
    }

    [Fact]
    public void Every_line_item_has_a_price_and_source_or_says_its_price_is_missing()
    {
        foreach (var line in Estimator.EstimateAll(Spec).SelectMany(b => b.Lines))
        {
            if (line.MissingPrice)
            {
                line.Monthly.ShouldBeNull();
            }
            else
            {
                line.Price!.Source.ShouldNotBeNullOrWhiteSpace();
                line.Price.AsOf.ShouldNotBeNullOrWhiteSpace();
                line.UnitPrice.ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public void The_EKS_control_plane_costs_73_dollars_a_month()
    {
        BillFor("prod", "self-managed").FindLine("eks-control-plane/eks-control-plane-standard-support")!.Monthly!.Value.Expected.ShouldBe(73.00m);
    }

    [Fact]
    public void One_t3a_xlarge_node_costs_109_79_a_month_so_prod_pays_three_times_that()
    {
        var nodes = BillFor("prod", "self-managed").Lines.Single(l => l.Id.StartsWith("nodes/general-t3a-xlarge", StringComparison.Ordinal));

        nodes.UnitPrice.ShouldBe(0.1504m);
        Money.Round(nodes.UnitPrice!.Value * Money.HoursPerMonth).ShouldBe(109.79m);
        nodes.Monthly!.Value.Expected.ShouldBe(329.38m);
    }

    [Fact]
    public void One_NAT_gateway_costs_32_85_before_data_and_prod_has_one_per_zone()
    {
        BillFor("dev", "self-managed").FindLine("nat-gateway/nat-gateway-hours")!.Monthly!.Value.Expected.ShouldBe(32.85m);
        BillFor("prod", "self-managed").FindLine("nat-gateway/nat-gateway-hours")!.Monthly!.Value.Expected.ShouldBe(98.55m);
    }

    [Fact]
    public void Dev_turns_off_velero_and_so_has_no_backup_cost()
    {
        var dev = BillFor("dev", "self-managed");

        dev.Deployment.Components.ShouldNotContain(c => c.Id == "velero");
        dev.CategoryTotal(Category.Backup).Expected.ShouldBe(0m);
        BillFor("prod", "self-managed").CategoryTotal(Category.Backup).Expected.ShouldBeGreaterThan(0m);
    }

    [Fact]
    public void Sizing_reports_that_dev_pods_need_more_nodes_than_declared()
    {
        var dev = BillFor("dev", "self-managed");
        var group = dev.Plan.Groups.Single();

        group.Declared.ShouldBe(2);
        group.Required.ShouldBeGreaterThan(2);
        dev.Warnings.ShouldContain(w => w.Code == DiagnosticCodes.TooFewNodesDeclared);
    }

    [Fact]
    public void An_unknown_price_is_reported_missing_never_zero()
    {
        // The same seed in a region the world book holds no EBS price for (ap-southeast-6 is newer than the EBS feed).
        var spec = Spec with { Region = "ap-southeast-6" };
        var bill = Estimator.Estimate(spec, new DeploymentRef("prod", "self-managed", Spec.Location));

        var disks = bill.Lines.First(l => l.PriceKey == "ec2/ebs/gp3");
        disks.MissingPrice.ShouldBeTrue();
        disks.Monthly.ShouldBeNull();
        bill.IsComplete.ShouldBeFalse();
        bill.Warnings.ShouldContain(w => w.Code == DiagnosticCodes.MissingPrice && w.Message.Contains("'ec2/ebs/gp3' in ap-southeast-6") && w.Message.Contains("priced in af-south-1,") && w.Message.Contains("us-east-1"));
    }

    [Fact]
    public void Usage_ranges_give_cost_ranges()
    {
        var aws = BillFor("prod-aws", "aws-managed");

        aws.Monthly.Low.ShouldBeLessThan(aws.Monthly.Expected);
        aws.Monthly.High.ShouldBeGreaterThan(aws.Monthly.Expected);
        aws.FindLine("cloudwatch-logs/log-ingestion")!.Quantity.ShouldBe(new ValueRange(5m * Money.DaysPerMonth, 10m * Money.DaysPerMonth, 20m * Money.DaysPerMonth));
    }

    [Fact]
    public void The_same_inputs_give_identical_bills()
    {
        var first = Estimator.EstimateAll(Spec).Select(b => (b.Monthly, b.Lines.Length));
        var second = EmbeddedData.Estimator().EstimateAll(Examples.Spec("nist-observability")).Select(b => (b.Monthly, b.Lines.Length));

        second.ShouldBe(first);
    }
}
