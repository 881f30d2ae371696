using System.Text.Json;

namespace Stackplan.Cli.Tests;

public sealed class CompareCommandTests
{
    [Fact]
    public void Compare_as_json_gives_the_documented_shape_for_the_three_seed_deployments()
    {
        var (exit, stdout, _) = CliRunner.Run("compare", "examples/nist-observability/platform.yaml", "--format", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        root.GetProperty("priceBook").GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("priceBook").GetProperty("asOf").GetString().ShouldNotBeNullOrEmpty();
        var deployments = root.GetProperty("deployments").EnumerateArray().ToList();
        deployments.Count.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var d in deployments)
        {
            var lines = d.GetProperty("lineItems").EnumerateArray().ToList();
            var sum = lines.Where(l => l.GetProperty("monthly").ValueKind == JsonValueKind.Object).Sum(l => l.GetProperty("monthly").GetProperty("expected").GetDecimal());
            d.GetProperty("monthly").GetProperty("expected").GetDecimal().ShouldBe(sum);
            d.GetProperty("nodes").GetProperty("declared").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
            foreach (var l in lines)
            {
                var missing = l.TryGetProperty("missingPrice", out var m) && m.GetBoolean();
                (missing || l.GetProperty("priceSource").GetProperty("source").GetString()!.Length > 0).ShouldBeTrue();
            }
        }
    }

    [Fact]
    public void A_missing_price_is_said_on_standard_error()
    {
        // Seed 000's example in a region the EBS feed does not cover yet.
        var spec = File.ReadAllText(Path.Combine(CliRunner.Root, "examples/nist-observability/platform.yaml")).Replace("region: us-east-1", "region: ap-southeast-6", StringComparison.Ordinal);
        var (exit, _, stderr) = CliRunner.RunIn(CliRunner.Root, spec, "compare", "-", "--format", "csv");

        exit.ShouldBe(0);
        stderr.ShouldContain("no price");
        stderr.ShouldContain("priced in");
    }

    [Fact]
    public void Output_to_a_file_is_written_whole()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-test-").FullName;
        var spec = Path.Combine(CliRunner.Root, "examples/nist-observability/platform.yaml");

        var (exit, _, _) = CliRunner.RunIn(dir, "", "compare", spec, "--format", "markdown", "-o", "report.md");

        exit.ShouldBe(0);
        File.ReadAllText(Path.Combine(dir, "report.md")).ShouldStartWith("# nist-observability");
        Directory.GetFiles(dir).Length.ShouldBe(1);
    }
}
