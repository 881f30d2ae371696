namespace Stackplan.Cli.Tests;

/// <summary>
/// Handed case reliability-18: 'provider' is checked against the registered provider profiles,
/// and a provider's own words are checked against the provider a deployment is priced on, so a
/// spec for one cloud is never priced with another cloud's prices.
/// </summary>
public sealed class ProviderInputTests
{
    // The handed case's file: provider gcp with an EKS cluster, AWS node types and the default region.
    private const string ProviderGcp = """
        # provider: gcp with an EKS cluster, AWS node types and the default region us-east-1.
        stackplan: 1
        name: provider-gcp
        provider: gcp
        usage:
          logs_gb_per_day: 5
        capabilities:
          logs: cloudwatch-logs
        environments:
          prod:
            zones: 2
            natGateways: single
            cluster: {kind: eks, endpoint: private}
            nodeGroups:
              - {name: general, instanceType: m5.large, count: 2, disk: {sizeGb: 50, type: gp3}}
            bastion: none
            retention: {logsDays: 30}
        """;

    [Theory]
    [InlineData("oracle")]
    [InlineData("AWS ")]
    [InlineData("alibaba")]
    public void An_unregistered_provider_is_exit_2_listing_the_supported_ones(string provider)
    {
        var (exit, stdout, err) = CliRunner.RunIn(CliRunner.Root, ProviderGcp.Replace("provider: gcp", $"provider: \"{provider}\"", StringComparison.Ordinal), "estimate", "-");

        exit.ShouldBe(2);
        err.ShouldContain($"<stdin>:4:11: error SP2030: provider '{provider}' is not supported (supported providers: aws, azure, gcp)");
        err.ShouldNotContain("   at ");
        stdout.ShouldBeEmpty();
    }

    [Fact]
    public void The_handed_gcp_spec_with_an_EKS_cluster_is_refused_at_its_cluster_kind()
    {
        var (exit, stdout, err) = CliRunner.RunIn(CliRunner.Root, ProviderGcp, "estimate", "-");

        exit.ShouldBe(2);
        err.ShouldContain("<stdin>:13:15: error SP2030: environment 'prod' cluster.kind names AWS's own service, but the deployment is priced on Google Cloud");
        err.ShouldContain("gke, gke-autopilot");
        stdout.ShouldBeEmpty();
    }

    [Fact]
    public void A_near_miss_provider_gets_a_suggestion()
    {
        var (exit, _, err) = CliRunner.RunIn(CliRunner.Root, ProviderGcp.Replace("provider: gcp", "provider: azur", StringComparison.Ordinal), "estimate", "-");

        exit.ShouldBe(2);
        err.ShouldContain("did you mean 'azure'?");
    }

    [Fact]
    public void The_aws_provider_prices_as_before()
    {
        var (exit, stdout, _) = CliRunner.RunIn(CliRunner.Root, ProviderGcp.Replace("provider: gcp", "provider: aws", StringComparison.Ordinal), "estimate", "-", "--format", "json");

        exit.ShouldBe(0);
        stdout.ShouldContain("\"provider\": \"aws\"");
        stdout.ShouldContain("ec2/instance/m5.large");
    }
}
