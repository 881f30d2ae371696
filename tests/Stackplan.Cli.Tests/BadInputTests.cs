namespace Stackplan.Cli.Tests;

/// <summary>DESIGN.md section 7: bad input gets a message with its location and exit code 2, never a stack trace.</summary>
public sealed class BadInputTests
{
    private static (int Exit, string Err) Compare(string yaml)
    {
        var (exit, _, err) = CliRunner.RunIn(CliRunner.Root, yaml, "compare", "-");
        err.ShouldNotContain("   at ");
        return (exit, err);
    }

    private const string Minimal = """
        stackplan: 1
        name: t
        environments:
          prod:
            nodeGroups:
              - {name: general, instanceType: t3a.large, count: 2}
        """;

    [Fact]
    public void A_minimal_spec_is_accepted() => Compare(Minimal).Exit.ShouldBe(0);

    [Fact]
    public void Malformed_yaml_names_the_line()
    {
        var (exit, err) = Compare("stackplan: 1\nname: [unclosed\n");
        exit.ShouldBe(2);
        err.ShouldContain("<stdin>:");
        err.ShouldContain("malformed YAML");
    }

    [Fact]
    public void An_unknown_key_gets_a_suggestion()
    {
        var (exit, err) = Compare(Minimal.Replace("nodeGroups", "nodeGroup", StringComparison.Ordinal));
        exit.ShouldBe(2);
        err.ShouldContain("<stdin>:5:5: error SP2002: unknown key 'nodeGroup'");
        err.ShouldContain("did you mean 'nodeGroups'?");
    }

    [Fact]
    public void A_wrong_type_is_refused()
    {
        var (exit, err) = Compare(Minimal.Replace("count: 2", "count: two", StringComparison.Ordinal));
        exit.ShouldBe(2);
        err.ShouldContain("must be a number, not 'two'");
    }

    [Fact]
    public void A_negative_volume_is_refused()
    {
        var (exit, err) = Compare(Minimal + "\nusage:\n  logs_gb_per_day: -5\n");
        exit.ShouldBe(2);
        err.ShouldContain("logs_gb_per_day must be at least 0");
    }

    [Fact]
    public void An_unknown_component_is_named_with_a_suggestion()
    {
        var (exit, err) = Compare(Minimal + "\ncapabilities:\n  logs: lokii\n");
        exit.ShouldBe(2);
        err.ShouldContain("unknown component 'lokii'");
        err.ShouldContain("did you mean 'loki'?");
    }

    [Fact]
    public void An_unknown_instance_type_is_named()
    {
        var (exit, err) = Compare(Minimal.Replace("t3a.large", "t3a.hyuge", StringComparison.Ordinal));
        exit.ShouldBe(2);
        err.ShouldContain("unknown instance type 't3a.hyuge'");
    }

    [Fact]
    public void An_extends_cycle_is_reported_with_its_path()
    {
        var (exit, err) = Compare("stackplan: 1\nname: t\nenvironments:\n  a: {extends: b}\n  b: {extends: a}\n");
        exit.ShouldBe(2);
        err.ShouldContain("cycle");
        err.ShouldContain("a -> b -> a");
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        var bomb = "stackplan: 1\nname: t\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 8; i++)
        {
            var prev = (char)('a' + i);
            var next = (char)('b' + i);
            bomb += $"{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n";
        }

        var (exit, err) = Compare(bomb);
        exit.ShouldBe(2);
        err.ShouldContain("expands to more than");
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var (exit, err) = Compare("stackplan: 1\nname: t\nx: " + new string('[', 10_000) + new string(']', 10_000) + "\n");
        exit.ShouldBe(2);
        err.ShouldContain("nesting is deeper than");
    }

    [Fact]
    public void A_very_large_file_is_refused_before_parsing()
    {
        var (exit, err) = Compare("stackplan: 1\nname: t\n# " + new string('x', 5 * 1024 * 1024) + "\n");
        exit.ShouldBe(2);
        err.ShouldContain("larger than");
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var (exit, _, err) = CliRunner.Run("compare", "no/such/spec.yaml");
        exit.ShouldBe(2);
        err.ShouldContain("no spec file at 'no/such/spec.yaml'");
    }

    [Fact]
    public void An_unknown_option_gets_a_suggestion()
    {
        var (exit, _, err) = CliRunner.Run("compare", "examples/nist-observability/platform.yaml", "--fromat", "json");
        exit.ShouldBe(2);
        err.ShouldContain("did you mean '--format'?");
    }
}
