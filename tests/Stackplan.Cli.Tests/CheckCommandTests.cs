using System.Text.Json;
using System.Xml.Linq;
using Stackplan.Core.Compliance;

namespace Stackplan.Cli.Tests;

/// <summary>The check verb: exit codes, suppressions, and the SARIF/JUnit a CI system reads.</summary>
public sealed class CheckCommandTests
{
    /// <summary>A production environment that meets every readiness rule. Line numbers matter: tests look for them.</summary>
    internal const string ReadySpec = """
        stackplan: 1
        name: ready
        environments:
          prod:
            tier: prod
            zones: 3
            natGateways: per-az
            cluster: {kind: eks, endpoint: private}
            nodeGroups:
              - {name: general, instanceType: t3a.large, count: 3}
            retention: {logsDays: 90}
            backups: {enabled: true, retentionDays: 14, restoreTested: true}
            encryption: {kms: customer-managed}
            deletionProtection: true
            policies:
              podSecurity: restricted
              networkPolicies: true
              workloadIdentity: irsa
              auditLogging: true
              changeProcess: pr-review
              alarms: true
              dashboards: true
              imageScanning: true
        """;

    /// <summary>The same spec with one zone (line 6) and a public endpoint (line 8).</summary>
    internal static readonly string OneZonePublicSpec = ReadySpec
        .Replace("zones: 3", "zones: 1", StringComparison.Ordinal)
        .Replace("endpoint: private", "endpoint: public", StringComparison.Ordinal);

    private const string Today = "2026-11-21";

    private static (int Exit, string Out, string Err) Check(string yaml, params string[] options) => CheckOn(Today, yaml, options);

    private static (int Exit, string Out, string Err) CheckOn(string today, string yaml, params string[] options)
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-check-").FullName;
        File.WriteAllText(Path.Combine(dir, "platform.yaml"), yaml);
        var result = CliRunner.RunIn(dir, "", ["check", "platform.yaml", "--today", today, .. options]);
        result.Err.ShouldNotContain("   at ");
        return result;
    }

    [Fact]
    public void A_production_ready_spec_passes_with_exit_code_0()
    {
        var (exit, stdout, _) = Check(ReadySpec);

        exit.ShouldBe(0);
        stdout.ShouldContain("passed");
        stdout.ShouldNotContain("FAIL", Case.Sensitive);
    }

    [Fact]
    public void One_zone_and_a_public_endpoint_fail_their_rules_with_exit_code_1_pointing_at_the_lines()
    {
        var (exit, stdout, _) = Check(OneZonePublicSpec);

        exit.ShouldBe(1);
        stdout.ShouldContain("SP1001");
        stdout.ShouldContain("platform.yaml:6:5");
        stdout.ShouldContain("SP1003");
        stdout.ShouldContain("platform.yaml:8:26");
    }

    [Fact]
    public void Fixing_the_spec_makes_the_failing_check_pass()
    {
        Check(OneZonePublicSpec).Exit.ShouldBe(1);

        var fixedSpec = OneZonePublicSpec.Replace("zones: 1", "zones: 3", StringComparison.Ordinal).Replace("endpoint: public", "endpoint: private", StringComparison.Ordinal);

        Check(fixedSpec).Exit.ShouldBe(0);
    }

    [Fact]
    public void A_medium_failure_fails_the_run_only_when_fail_on_is_medium_or_lower()
    {
        var spec = ReadySpec.Replace("deletionProtection: true", "deletionProtection: false", StringComparison.Ordinal);

        Check(spec).Exit.ShouldBe(0);
        Check(spec, "--fail-on", "medium").Exit.ShouldBe(1);
    }

    [Fact]
    public void Sarif_output_is_valid_2_1_0_with_rule_metadata_and_results_at_spec_lines()
    {
        var (exit, stdout, _) = Check(OneZonePublicSpec, "--format", "sarif");

        exit.ShouldBe(1);
        using var sarif = JsonDocument.Parse(stdout);
        var root = sarif.RootElement;
        root.GetProperty("version").GetString().ShouldBe("2.1.0");
        root.GetProperty("$schema").GetString()!.ShouldContain("sarif-schema-2.1.0.json");
        var run = root.GetProperty("runs").EnumerateArray().Single();
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        rules.Count.ShouldBe(ReadinessRules.All.Length);
        foreach (var rule in rules)
        {
            rule.GetProperty("id").GetString().ShouldStartWith("SP");
            rule.GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
            rule.GetProperty("shortDescription").GetProperty("text").GetString().ShouldNotBeNullOrEmpty();
            Uri.IsWellFormedUriString(rule.GetProperty("helpUri").GetString(), UriKind.Absolute).ShouldBeTrue();
            rule.GetProperty("properties").GetProperty("nist").GetArrayLength().ShouldBeGreaterThan(0);
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        results.ShouldNotBeEmpty();
        foreach (var result in results)
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            rules.ShouldContain(r => r.GetProperty("id").GetString() == ruleId);
            result.GetProperty("level").GetString().ShouldBeOneOf("error", "warning", "note");
            result.GetProperty("message").GetProperty("text").GetString().ShouldNotBeNullOrEmpty();
            var physical = result.GetProperty("locations").EnumerateArray().Single().GetProperty("physicalLocation");
            physical.GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe("platform.yaml");
            physical.GetProperty("region").GetProperty("startLine").GetInt32().ShouldBeGreaterThan(0);
        }

        var zones = results.Single(r => r.GetProperty("ruleId").GetString() == "SP1001");
        zones.GetProperty("level").GetString().ShouldBe("error");
        zones.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32().ShouldBe(6);
    }

    [Fact]
    public void Junit_output_has_one_testcase_per_rule_and_deployment_and_failures_with_messages()
    {
        var (exit, stdout, _) = Check(OneZonePublicSpec, "--format", "junit");

        exit.ShouldBe(1);
        var xml = XDocument.Parse(stdout);
        var cases = xml.Root!.Elements("testsuite").SelectMany(s => s.Elements("testcase")).ToList();
        cases.Count.ShouldBe(ReadinessRules.All.Length);
        var failures = cases.Where(c => c.Element("failure") is not null).ToList();
        failures.Select(c => (string)c.Attribute("name")!).ShouldContain(n => n.StartsWith("SP1001", StringComparison.Ordinal));
        failures.ShouldAllBe(c => ((string)c.Element("failure")!.Attribute("message")!).Length > 0);
        ((int)xml.Root!.Attribute("failures")!).ShouldBe(failures.Count);
    }

    [Fact]
    public void A_justified_suppression_turns_a_failure_into_a_skipped_result()
    {
        var spec = OneZonePublicSpec + """

            suppressions:
              - rule: SP1001
                environments: [prod]
                justification: "single-zone pilot accepted by the CISO until the second region is built"
                expires: 2027-01-31
              - {rule: SP1003, justification: "reached only through the office VPN; ticket SEC-42"}
            """;

        var (exit, stdout, _) = Check(spec, "--format", "sarif");

        exit.ShouldBe(0);
        using var sarif = JsonDocument.Parse(stdout);
        var suppressed = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "SP1001");
        suppressed.GetProperty("suppressions")[0].GetProperty("justification").GetString()!.ShouldContain("CISO");
    }

    [Fact]
    public void An_expired_suppression_stops_suppressing_and_is_reported()
    {
        var spec = ReadySpec.Replace("deletionProtection: true", "deletionProtection: false", StringComparison.Ordinal) + """

            suppressions:
              - {rule: SP1010, justification: "migration window", expires: 2026-11-20}
            """;

        var (exit, stdout, stderr) = Check(spec, "--fail-on", "medium");

        exit.ShouldBe(1);
        stderr.ShouldContain("suppression of SP1010 expired on 2026-11-20");
        stdout.ShouldContain("expired");
        CheckOn("2026-11-20", spec, "--fail-on", "medium").Exit.ShouldBe(0);
    }

    [Fact]
    public void Json_output_lists_failures_with_their_locations_and_the_verdict()
    {
        var (exit, stdout, _) = Check(OneZonePublicSpec, "--format", "json");

        exit.ShouldBe(1);
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("passed").GetBoolean().ShouldBeFalse();
        var failed = json.RootElement.GetProperty("deployments")[0].GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("status").GetString() == "failed").ToList();
        failed.Single(f => f.GetProperty("ruleId").GetString() == "SP1003").GetProperty("location").GetProperty("line").GetInt32().ShouldBe(8);
    }

    [Fact]
    public void Markdown_output_names_each_failure_and_the_coverage()
    {
        var (_, stdout, _) = Check(OneZonePublicSpec, "--format", "markdown");

        stdout.ShouldStartWith("# ready: production readiness");
        stdout.ShouldContain("[SP1001](docs/rules/SP1001.md)");
        stdout.ShouldContain("| CP-9 | System Backup | setting backups.enabled");
    }

    [Fact]
    public void Static_keys_fail_in_every_tier_even_dev()
    {
        var dev = ReadySpec.Replace("tier: prod", "tier: dev", StringComparison.Ordinal).Replace("workloadIdentity: irsa", "workloadIdentity: static-keys", StringComparison.Ordinal);

        var (exit, stdout, _) = Check(dev);

        exit.ShouldBe(1);
        stdout.Split('\n').ShouldContain(line => line.Contains("FAIL", StringComparison.Ordinal) && line.Contains("SP1014", StringComparison.Ordinal) && line.Contains("critical", StringComparison.Ordinal));
    }

    [Fact]
    public void Checking_the_hera_prod_example_gives_sarif_whose_results_point_at_its_spec_lines()
    {
        var (exit, stdout, stderr) = CliRunner.Run("check", "examples/hera-prod/platform.yaml", "--env", "prod", "--format", "sarif", "--today", Today);

        exit.ShouldBeOneOf([0, 1], stderr);
        using var sarif = JsonDocument.Parse(stdout);
        sarif.RootElement.GetProperty("version").GetString().ShouldBe("2.1.0");
        var lines = File.ReadAllLines(Path.Combine(CliRunner.Root, "examples/hera-prod/platform.yaml"));
        foreach (var result in sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            physical.GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe("examples/hera-prod/platform.yaml");
            var line = physical.GetProperty("region").GetProperty("startLine").GetInt32();
            line.ShouldBeInRange(1, lines.Length);
            lines[line - 1].Trim().ShouldNotStartWith("#");
        }
    }

    [Fact]
    public void Checking_the_hera_prod_example_gives_junit_with_one_testcase_per_rule()
    {
        var (exit, stdout, stderr) = CliRunner.Run("check", "examples/hera-prod/platform.yaml", "--env", "prod", "--format", "junit", "--today", Today);

        exit.ShouldBeOneOf([0, 1], stderr);
        XDocument.Parse(stdout).Descendants("testcase").Count().ShouldBe(ReadinessRules.All.Length);
    }

    [Fact]
    public void Checking_twice_gives_the_same_bytes_in_every_format()
    {
        foreach (var format in new[] { "table", "json", "sarif", "junit", "markdown" })
        {
            Check(OneZonePublicSpec, "--format", format).Out.ShouldBe(Check(OneZonePublicSpec, "--format", format).Out, format);
        }
    }
}
