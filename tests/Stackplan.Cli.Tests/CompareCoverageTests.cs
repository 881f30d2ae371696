using System.Text.Json;

namespace Stackplan.Cli.Tests;

/// <summary>compare's coverage hook: each deployment's NIST controls beside its cost.</summary>
public sealed class CompareCoverageTests
{
    [Fact]
    public void Compare_shows_CP_9_covered_in_prod_and_missing_in_dev()
    {
        var (exit, stdout, _) = CliRunner.Run("compare", "examples/nist-observability/platform.yaml", "--format", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        var byName = json.RootElement.GetProperty("deployments").EnumerateArray()
            .ToDictionary(d => d.GetProperty("environment").GetString()!, d => d.GetProperty("compliance"));
        byName["prod"].GetProperty("baseline").GetString().ShouldBe("MODERATE");
        byName["prod"].GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldNotContain("CP-9");
        byName["dev"].GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldContain("CP-9");
        byName["prod"].GetProperty("covered").GetInt32().ShouldBeGreaterThan(byName["dev"].GetProperty("covered").GetInt32());
    }

    [Fact]
    public void Compare_markdown_says_what_dev_loses_against_prod()
    {
        var (_, stdout, _) = CliRunner.Run("compare", "examples/nist-observability/platform.yaml", "--format", "markdown", "--baseline", "low");

        stdout.ShouldContain("## NIST SP 800-53 coverage (LOW)");
        var devRow = stdout.Split('\n').Single(l => l.StartsWith("| dev/self-managed", StringComparison.Ordinal) && l.Contains("platform-addressable", StringComparison.Ordinal));
        devRow.Split('|')[4].ShouldContain("CP-9");
    }

    [Fact]
    public void Estimate_json_keeps_its_shape_without_a_compliance_object()
    {
        var (_, stdout, _) = CliRunner.Run("estimate", "examples/nist-observability/platform.yaml", "--format", "json");

        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("deployments")[0].TryGetProperty("compliance", out _).ShouldBeFalse();
    }
}
