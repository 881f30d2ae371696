using System.Text.RegularExpressions;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Providers;
using Stackplan.Core.Providers.Aws;
using Stackplan.Core.Sizing;
using Stackplan.Testing;

namespace Stackplan.Core.Tests.Providers;

/// <summary>What is true of one cloud lives in its provider profile; the engine asks the profile.</summary>
public sealed partial class ProviderSeamTests
{
    /// <summary>AWS service and product names the engine must not spell out (word-bounded, case ignored).</summary>
    [GeneratedRegex(@"\b(aws|amazon|eks|ecs|ec2|ebs|fargate|cloudwatch|gp2|gp3|s3|xray|alb|nat-gateway|us-east-1)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AwsName();

    [Theory]
    [InlineData("Pricing")]
    [InlineData("Sizing")]
    [InlineData("Resolve")]
    public void The_engine_names_no_AWS_service_outside_the_profile(string folder)
    {
        var offending = Directory.GetFiles(Repository.PathOf("src", "Stackplan.Core", folder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => AwsName().IsMatch(l.line))
            .Select(l => $"{Path.GetFileName(l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        offending.ShouldBeEmpty();
    }

    [Fact]
    public void The_grep_finds_an_AWS_name_when_there_is_one()
    {
        AwsName().IsMatch("var key = $\"ec2/instance/{type}\";").ShouldBeTrue();
        AwsName().IsMatch("// Fargate sizes").ShouldBeTrue();
        AwsName().IsMatch("var specs = options;").ShouldBeFalse();
    }

    [Fact]
    public void Every_registered_profile_names_catalog_components_of_its_own()
    {
        var catalog = EmbeddedData.Catalog();
        foreach (var profile in ProviderProfiles.All)
        {
            foreach (var id in new[] { profile.ControlPlaneComponent, profile.NatComponent, profile.LoadBalancerComponent })
            {
                var component = catalog.Find(id);
                component.ShouldNotBeNull($"{profile.Id} names '{id}'");
                component.RunsOn(profile.Id).ShouldBeTrue();
            }
        }
    }

    [Fact]
    public void Profiles_have_unique_ids_regions_and_a_default_region_among_them()
    {
        ProviderProfiles.Ids.ShouldBeUnique();
        foreach (var profile in ProviderProfiles.All)
        {
            profile.Regions.ShouldBeUnique();
            profile.Regions.ShouldContain(profile.DefaultRegion);
            profile.StorageClasses.ShouldNotBeEmpty();
        }
    }

    [Theory]
    // The EKS AMI's rule: CPU 60 + 10 m for two cores, 60 + 10 + 5 + 5 + 4 x 2.5 for eight;
    // memory 7.5% VM overhead of 8 GiB (614 MiB) + 255 MiB + 11 MiB per pod + 100 MiB eviction threshold.
    [InlineData(2, 35, 70, 1354)]
    [InlineData(8, 58, 90, 1607)]
    public void The_AWS_kubelet_reserve_follows_the_EKS_AMI(int vcpu, int maxPods, int cpuMillis, int memoryMiB)
    {
        var reserve = AwsProfile.Instance.Reserve(new InstanceType("x", vcpu, 8, maxPods, "test"));

        reserve.ShouldBe(new NodeReserve(cpuMillis, memoryMiB));
    }

    [Theory]
    [InlineData(250, 512, 0.25, 0.5)]
    [InlineData(300, 512, 0.5, 1)]
    [InlineData(1000, 9000, 2, 9)]
    public void A_Fargate_task_takes_the_smallest_size_covering_its_requests(int cpuMillis, int memoryMiB, decimal vcpu, decimal memoryGb)
    {
        AwsProfile.Instance.Serverless!.SizeFor(cpuMillis, memoryMiB).ShouldBe((vcpu, memoryGb));
    }

    [Fact]
    public void A_task_larger_than_any_Fargate_size_has_none()
    {
        AwsProfile.Instance.Serverless!.SizeFor(32_000, 1024).ShouldBeNull();
        AwsProfile.Instance.Serverless!.LargestSize.ShouldBe("16 vCPU, 120 GB");
    }

    [Fact]
    public void A_book_of_another_provider_never_prices_a_deployment()
    {
        IPriceBook other = new PriceBookBuilder(provider: "elsewhere").Price("ec2/instance/m.test", "hour", 0.10m).Build();
        var own = new PriceBookBuilder(provider: "aws").Price("ec2/instance/m.test", "hour", 0.20m).Build();
        var layered = new LayeredPriceBook([other, own]);

        other.Find("aws", "ec2/instance/m.test", "us-east-1").ShouldBeNull();
        layered.Find("aws", "ec2/instance/m.test", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.20m);
    }

    [Fact]
    public void Node_and_disk_lines_are_priced_by_the_profile_templates()
    {
        var spec = new SpecBuilder().InstanceType("m.test", 2, 8, 30).Environment("prod", e => e.NodeGroup("general", "m.test", 1)).Build();
        var bill = Estimators.For(new CatalogBuilder(), new PriceBookBuilder().Price("ec2/instance/m.test", "hour", 0.10m).Price("ec2/ebs/gp3", "GB-month", 0.08m)).Bill(spec, "prod");

        bill.Lines.Select(l => l.PriceKey).ShouldBe([AwsProfile.Instance.NodePriceKey("m.test"), AwsProfile.Instance.DiskPrice("gp3", 20).Key]);
        bill.Monthly.Expected.ShouldBe(73.00m + 1.60m);
    }

    [Fact]
    public void A_neutral_cluster_kind_means_the_same_as_the_provider_word()
    {
        var neutral = new SpecBuilder().Environment("prod", e => e.Cluster("managed-kubernetes")).Build();
        var aws = new SpecBuilder().Environment("prod", e => e.Cluster("eks")).Build();

        neutral.Environments[0].Cluster.Kind.ShouldBe(ClusterKind.ManagedKubernetes);
        aws.Environments[0].Cluster.Kind.ShouldBe(ClusterKind.ManagedKubernetes);
        aws.Environments[0].Cluster.KindProvider.ShouldBe("aws");
        neutral.Environments[0].Cluster.KindProvider.ShouldBeNull();
    }

    [Fact]
    public void An_unknown_cluster_kind_lists_the_words_allowed()
    {
        var error = Should.Throw<InputException>(() => new SpecBuilder().Environment("prod", e => e.Cluster("ekss")).Build());

        error.Message.ShouldContain("must be one of kubernetes-onprem, managed-kubernetes, serverless-containers, aks, ecs-fargate, eks, eks-fargate, gke, gke-autopilot, not 'ekss'");
        error.Message.ShouldContain("did you mean 'eks'?");
    }
}
