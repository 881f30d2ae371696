using System.Text.Json;

namespace Stackplan.Cli.Tests;

/// <summary>
/// A word the spec writes that builds a price key (a component's instance class or storage type, a
/// node group's disk type, a bastion's instance type) and that no book prices, while a value close
/// to it is priced: the line stays missing (never priced as the near value), and the user is told
/// "did you mean" at the spec's value (SP2027), on standard error and in the JSON warnings.
/// </summary>
public sealed class UnpricedSpecValueTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stackplan-unpriced-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Aws = """
        stackplan: 1
        name: words
        region: us-east-1
        capabilities:
          relational-database: {component: rds-postgres, settings: {instance_class: db.t3.large, storage_type: gp3}}
        environments:
          prod:
            zones: 1
            natGateways: none
            cluster: {kind: eks, endpoint: private}
            nodeGroups:
              - {name: general, instanceType: m5.xlarge, count: 3, disk: {sizeGb: 50, type: gp3}}
            bastion: {instanceType: t3.micro}
        """;

    private const string Azure = """
        stackplan: 1
        name: words
        provider: azure
        region: eastus
        environments:
          prod:
            zones: 1
            natGateways: none
            cluster: {kind: aks, endpoint: private}
            nodeGroups:
              - {name: general, instanceType: Standard_D4s_v3, count: 3, disk: {sizeGb: 128, type: premium-ssd}}
            bastion: none
        """;

    private (int Exit, string Err, JsonElement Bill) Estimate(string spec)
    {
        File.WriteAllText(Path.Combine(_folder, "spec.yaml"), spec);
        var (exit, output, err) = CliRunner.RunIn(_folder, "", "estimate", "spec.yaml", "--format", "json");
        err.ShouldNotContain("   at ");
        return (exit, err, JsonDocument.Parse(output).RootElement.GetProperty("deployments")[0]);
    }

    private static JsonElement Line(JsonElement bill, string id) =>
        bill.GetProperty("lineItems").EnumerateArray().Single(l => l.GetProperty("id").GetString() == id);

    /// <summary>spec.yaml:LINE:COLUMN where <paramref name="value"/> is written on the first line holding <paramref name="onLine"/>.</summary>
    private static string At(string spec, string value, string? onLine = null)
    {
        var lines = spec.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(onLine ?? value, StringComparison.Ordinal));
        return $"spec.yaml:{line + 1}:{lines[line].IndexOf(value, StringComparison.Ordinal) + 1}";
    }

    [Fact]
    public void Correctly_spelt_values_are_priced_and_get_no_warning()
    {
        var (exit, err, bill) = Estimate(Aws);
        exit.ShouldBe(0);
        err.ShouldNotContain("SP2027");
        Line(bill, "rds-postgres/database-instance").GetProperty("monthly").ValueKind.ShouldBe(JsonValueKind.Object);
        Estimate(Azure).Err.ShouldNotContain("SP2027");
    }

    [Theory]
    [InlineData("instance_class: db.t3.large", "db.t3.large", "db.t3.lrage", "rds-postgres setting 'instance_class'", "rds/postgres/db.t3.lrage/single-az", "rds-postgres/database-instance")]
    [InlineData("storage_type: gp3", "gp3", "gp33", "rds-postgres setting 'storage_type'", "rds/storage/gp33/single-az", "rds-postgres/storage")]
    [InlineData("sizeGb: 50, type: gp3", "gp3", "gp33", "node group 'general' disk.type", "ec2/ebs/gp33", "nodes/general-node-disks-gp33")]
    [InlineData("bastion: {instanceType: t3.micro", "t3.micro", "t3.mirco", "bastion instanceType", "ec2/instance/t3.mirco", "bastion/bastion-host-t3-mirco")]
    public void A_misspelt_word_gets_did_you_mean_at_its_value_and_its_line_stays_missing(string written, string meant, string word, string what, string key, string line)
    {
        var misspelt = written.Replace(meant, word, StringComparison.Ordinal);
        var spec = Aws.Replace(written, misspelt, StringComparison.Ordinal);
        var (exit, err, bill) = Estimate(spec);
        exit.ShouldBe(0);
        // The bastion mapping is where its value is recorded; every other word is located at itself.
        var at = what.StartsWith("bastion", StringComparison.Ordinal) ? At(spec, "{instanceType", misspelt) : At(spec, word, misspelt);
        err.ShouldContain($"{at}: warning SP2027: {what} is '{word}': no book holds its price key '{key}' in any region, so its line has no price (did you mean '{meant}'?)");
        Line(bill, line).GetProperty("missingPrice").GetBoolean().ShouldBeTrue();
        Line(bill, line).GetProperty("monthly").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void An_azure_disk_type_it_does_not_have_is_never_priced_as_premium_ssd()
    {
        // Azure's disk price key is by size tier alone (p10): a misspelt class used to be priced as Premium SSD.
        var spec = Azure.Replace("premium-ssd", "premium-sdd", StringComparison.Ordinal);
        var (exit, err, bill) = Estimate(spec);
        exit.ShouldBe(0);
        err.ShouldContain($"{At(spec, "premium-sdd")}: warning SP2027: node group 'general' disk.type is 'premium-sdd'");
        err.ShouldContain("(did you mean 'premium-ssd'?)");
        Line(bill, "nodes/general-node-disks-premium-sdd").GetProperty("missingPrice").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void A_word_far_from_every_priced_value_lists_the_provider_classes()
    {
        var spec = Azure.Replace("premium-ssd", "ultra", StringComparison.Ordinal);
        Estimate(spec).Err.ShouldContain("(Azure storage classes: premium-ssd, standard-ssd)");
    }

    [Fact]
    public void A_misspelt_node_group_instance_type_is_an_error_with_did_you_mean()
    {
        File.WriteAllText(Path.Combine(_folder, "spec.yaml"), Aws.Replace("m5.xlarge", "m5.xlrage", StringComparison.Ordinal));
        var (exit, _, err) = CliRunner.RunIn(_folder, "", "estimate", "spec.yaml");
        exit.ShouldBe(2);
        err.ShouldContain("error SP4007: unknown instance type 'm5.xlrage' (did you mean 'm5.xlarge'?)");
    }
}
