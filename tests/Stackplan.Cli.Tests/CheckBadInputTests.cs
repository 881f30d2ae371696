namespace Stackplan.Cli.Tests;

/// <summary>Bad input to check and to the spec's compliance parts: a clear message and exit code 2, never a stack trace.</summary>
public sealed class CheckBadInputTests
{
    private static (int Exit, string Err) Check(string yaml, params string[] options)
    {
        var (exit, _, err) = CliRunner.RunIn(CliRunner.Root, yaml, ["check", "-", "--today", "2026-11-21", .. options]);
        err.ShouldNotContain("   at ");
        return (exit, err);
    }

    [Fact]
    public void An_unknown_baseline_is_refused_with_a_suggestion()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec, "--baseline", "moderat");
        exit.ShouldBe(2);
        err.ShouldContain("--baseline must be one of low, moderate, high, not 'moderat'");
        err.ShouldContain("did you mean 'moderate'?");
    }

    [Fact]
    public void An_unknown_severity_is_refused()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec, "--fail-on", "severe");
        exit.ShouldBe(2);
        err.ShouldContain("--fail-on must be one of low, medium, high, critical");
    }

    [Fact]
    public void An_unknown_rule_id_is_refused_with_a_suggestion()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec, "--rule", "SP1OO1");
        exit.ShouldBe(2);
        err.ShouldContain("no rule 'SP1OO1'");
        err.ShouldContain("did you mean 'SP1001'?");
    }

    [Fact]
    public void A_malformed_today_is_refused()
    {
        Check(CheckCommandTests.ReadySpec, "--today", "21/11/2026").Exit.ShouldBe(2);
    }

    [Fact]
    public void A_suppression_without_justification_is_refused_with_its_line()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec + "\nsuppressions:\n  - {rule: SP1001}\n");
        exit.ShouldBe(2);
        err.ShouldContain("<stdin>:25:5: error SP2005: suppression of SP1001 needs a 'justification'");
    }

    [Fact]
    public void A_suppression_of_an_unknown_rule_is_refused_with_a_suggestion()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec + "\nsuppressions:\n  - {rule: SP1101, justification: x}\n");
        exit.ShouldBe(2);
        err.ShouldContain("a suppression names rule 'SP1101', which does not exist");
        err.ShouldContain("did you mean");
    }

    [Fact]
    public void A_suppression_with_a_malformed_expiry_is_refused()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec + "\nsuppressions:\n  - {rule: SP1001, justification: x, expires: 31.01.2027}\n");
        exit.ShouldBe(2);
        err.ShouldContain("must be a date written YYYY-MM-DD");
    }

    [Fact]
    public void An_unknown_policy_key_is_refused_with_a_suggestion()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec.Replace("networkPolicies:", "networkPolicy:", StringComparison.Ordinal));
        exit.ShouldBe(2);
        err.ShouldContain("unknown policy 'networkPolicy'");
        err.ShouldContain("did you mean 'networkPolicies'?");
    }

    [Fact]
    public void An_unknown_policy_value_is_refused_with_the_allowed_values()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec.Replace("podSecurity: restricted", "podSecurity: restrictd", StringComparison.Ordinal));
        exit.ShouldBe(2);
        err.ShouldContain("policies.podSecurity must be one of restricted, baseline, privileged, not 'restrictd'");
        err.ShouldContain("did you mean 'restricted'?");
    }

    [Fact]
    public void A_suppression_naming_an_unknown_environment_is_refused_with_a_suggestion()
    {
        var (exit, err) = Check(CheckCommandTests.ReadySpec + "\nsuppressions:\n  - {rule: SP1001, environments: [prd], justification: x}\n");
        exit.ShouldBe(2);
        err.ShouldContain("names environment 'prd', which the spec does not define");
        err.ShouldContain("did you mean 'prod'?");
    }
}
