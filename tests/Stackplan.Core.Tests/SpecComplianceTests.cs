using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Tests;

/// <summary>The spec parts the checks read: where each setting was written, policies, suppressions.</summary>
public sealed class SpecComplianceTests
{
    private const string Yaml = """
        stackplan: 1
        name: t
        environments:
          prod:
            zones: 3
            cluster: {kind: eks, endpoint: private}
            policies: {podSecurity: restricted, auditLogging: yes}
          dev:
            extends: prod
            cluster: {endpoint: public}
        suppressions:
          - rule: SP1001
            environments: dev
            justification: "dev is single-zone by design"
            expires: 2027-01-31
        """;

    private static readonly PlatformSpec Spec = SpecReader.Read(Yaml, "t.yaml");

    [Fact]
    public void An_inherited_setting_points_at_the_line_where_the_parent_wrote_it()
    {
        Spec.FindEnvironment("dev")!.LocationOf("zones").ShouldBe(new SourceLocation("t.yaml", 5, 5));
        Spec.FindEnvironment("dev")!.LocationOf("cluster.kind").Line.ShouldBe(6);
    }

    [Fact]
    public void An_overridden_setting_points_at_the_child_environments_line()
    {
        Spec.FindEnvironment("dev")!.LocationOf("cluster.endpoint").ShouldBe(new SourceLocation("t.yaml", 10, 15));
    }

    [Fact]
    public void A_setting_the_spec_leaves_out_points_at_its_nearest_written_parent_or_the_environment()
    {
        Spec.FindEnvironment("prod")!.LocationOf("policies.networkPolicies").Line.ShouldBe(7);
        Spec.FindEnvironment("prod")!.LocationOf("backups.restoreTested").ShouldBe(Spec.FindEnvironment("prod")!.Location);
    }

    [Fact]
    public void Boolean_policies_accept_yaml_spellings_and_are_stored_as_true_or_false()
    {
        Spec.FindEnvironment("prod")!.IsOn(Policies.AuditLogging).ShouldBeTrue();
        Spec.FindEnvironment("dev")!.Get(Policies.PodSecurity).ShouldBe("restricted");
    }

    [Fact]
    public void A_suppression_names_its_rule_environments_justification_and_expiry()
    {
        var s = Spec.Suppressions.Single();

        s.AppliesTo("SP1001", "dev").ShouldBeTrue();
        s.AppliesTo("SP1001", "prod").ShouldBeFalse();
        s.IsExpiredOn(new DateOnly(2027, 1, 31)).ShouldBeFalse();
        s.IsExpiredOn(new DateOnly(2027, 2, 1)).ShouldBeTrue();
    }
}
