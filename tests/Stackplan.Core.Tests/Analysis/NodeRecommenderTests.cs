using Stackplan.Core.Analysis;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Sizing;
using Stackplan.Testing;

namespace Stackplan.Core.Tests.Analysis;

/// <summary>stackplan size's choice: the cheapest priced type of the declared architecture that holds every pod, never an unpriced or a too-small one.</summary>
public sealed class NodeRecommenderTests
{
    // Four pods of 500m / 1.5 GiB on 2 x m.big: two m.small hold them (three per node by CPU).
    private const string Yaml = """
        stackplan: 1
        name: sizing
        region: us-east-1
        workloads:
          services:
            - {name: api, replicas: 4, cpu: 500m, memory: 1536Mi}
        environments:
          prod:
            zones: 1
            cluster: {kind: eks}
            nodeGroups:
              - {name: general, instanceType: m.big, count: 2}
        options:
          default: {}
        """;

    private static InstanceType Type(string name, decimal vcpu, decimal memoryGiB, string arch = "amd64", int gpus = 0) =>
        new(name, vcpu, memoryGiB, 29, "test", arch, gpus);

    private static readonly InstanceTypeTable Types = new([
        Type("m.big", 8, 32),
        Type("m.small", 2, 8),
        Type("m.tiny", 1, 1),        // cheapest priced, but a 1.5 GiB pod never fits
        Type("m.elsewhere", 4, 16),  // priced only in another region: skipped, never $0
        Type("a.arm", 4, 16, "arm64"),
        Type("g.gpu", 4, 16, gpus: 1)]);

    private static Estimator Estimator() => new(new CatalogBuilder().Build(), new PriceBookBuilder()
        .Price("ec2/instance/m.big", "hour", 0.40m)
        .Price("ec2/instance/m.small", "hour", 0.05m)
        .Price("ec2/instance/m.tiny", "hour", 0.01m)
        .Price("ec2/instance/m.elsewhere", "hour", 0.001m, inRegion: "eu-west-1")
        .Price("ec2/instance/a.arm", "hour", 0.001m)
        .Price("ec2/instance/g.gpu", "hour", 0.001m)
        .Price("ec2/ebs/gp3", "GB-month", 0.08m)
        .Build(), Types);

    private static NodeGroupProposal Propose(string yaml = Yaml)
    {
        var spec = SpecReader.Read(yaml, "sizing.yaml");
        return NodeRecommender.Propose(Estimator(), spec, spec.DeploymentsToCompare(), null).Groups.Single();
    }

    [Fact]
    public void Proposes_the_cheapest_type_that_holds_every_pod_with_the_saving_of_the_whole_bill()
    {
        var proposal = Propose();

        proposal.Proposed.ShouldBe(new GroupShape("m.small", 2, null, null));
        proposal.Saving.ShouldBe(2 * (0.40m - 0.05m) * 730m);
        proposal.Pods.ShouldBe(4);
    }

    [Fact]
    public void A_type_with_no_price_in_the_region_is_skipped_and_counted_never_priced_at_zero()
    {
        var proposal = Propose();

        proposal.Proposed.InstanceType.ShouldNotBe("m.elsewhere");
        proposal.Unpriced.ShouldBe(1);
        proposal.Candidates.ShouldBe(3); // m.big, m.small, m.tiny: the Arm and GPU types are not candidates
    }

    [Fact]
    public void An_autoscaling_group_keeps_its_min_and_grows_its_max_to_what_the_high_usage_needs()
    {
        var proposal = Propose(Yaml.Replace("count: 2", "min: 1, max: 1").Replace("replicas: 4", "min: 4, replicas: 4, max: 12"));

        // Twelve pods take four m.small at the high end; the group's max of 1 rises to hold them.
        proposal.Proposed.ShouldBe(new GroupShape("m.small", null, 1, 4));
    }

    [Fact]
    public void A_group_already_the_cheapest_fit_is_kept_with_no_saving()
    {
        var proposal = Propose(Yaml.Replace("instanceType: m.big", "instanceType: m.small"));

        proposal.Changes.ShouldBeFalse();
        proposal.Saving.ShouldBe(0m);
        proposal.Note.ShouldNotBeNull();
    }

    [Fact]
    public void The_edits_name_the_places_the_spec_writes_the_type_and_count()
    {
        var edits = Propose().Edits;

        edits.ShouldBe([
            new ScalarEdit(new SourceLocation("sizing.yaml", 12, 39), "m.big", "m.small")]);
    }

    [Fact]
    public void A_shipped_type_the_spec_redeclares_keeps_its_architecture_so_it_still_has_candidates()
    {
        var proposal = Propose(Yaml.Replace("options:", "instanceTypes:\n  m.big: {vcpu: 8, memoryGiB: 32, maxPods: 110}\noptions:"));

        proposal.Proposed.InstanceType.ShouldBe("m.small");
        proposal.Candidates.ShouldBe(3);
    }
}
