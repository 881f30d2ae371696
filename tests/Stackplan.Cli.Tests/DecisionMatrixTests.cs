namespace Stackplan.Cli.Tests;

public sealed class DecisionMatrixTests
{
    private const string Spec = "examples/nist-observability/platform.yaml";

    private static string Row(string markdown, string factor) =>
        markdown[markdown.IndexOf("### Factors", StringComparison.Ordinal)..].Split('\n').First(l => l.StartsWith($"| {factor} |", StringComparison.Ordinal));

    [Fact]
    public void The_matrix_names_the_winner_of_each_factor_as_seed_zero_does()
    {
        var (exit, stdout, _) = CliRunner.Run("compare", Spec, "--matrix", "--format", "markdown");

        exit.ShouldBe(0);
        stdout.ShouldContain("## Decision matrix");
        Row(stdout, "cost").ShouldEndWith("| dev/self-managed |");
        Row(stdout, "nist").ShouldEndWith("| prod/self-managed |");
        Row(stdout, "operations").ShouldEndWith("| prod-aws/aws-managed |");
        Row(stdout, "portability").ShouldEndWith("| prod/self-managed |");
    }

    [Fact]
    public void A_capability_with_no_equivalent_such_as_kiali_on_aws_is_named_in_the_matrix()
    {
        var (_, stdout, _) = CliRunner.Run("compare", Spec, "--matrix", "--format", "markdown");

        Row(stdout, "capabilities").ShouldContain("traffic-visualisation");
    }

    [Fact]
    public void Weights_in_the_spec_turn_the_matrix_on_and_change_the_overall_winner()
    {
        var yaml = WithWeights("{cost: 50}");

        var (exit, stdout, _) = CliRunner.RunIn(CliRunner.Root, yaml, "compare", "-", "--format", "markdown");

        exit.ShouldBe(0);
        Row(stdout, "weighted score").ShouldEndWith("| dev/self-managed |");
    }

    [Fact]
    public void An_unknown_weight_factor_is_refused_with_a_suggestion()
    {
        var yaml = WithWeights("{costs: 5}");

        var (exit, _, stderr) = CliRunner.RunIn(CliRunner.Root, yaml, "compare", "-");

        exit.ShouldBe(2);
        stderr.ShouldContain("unknown key 'costs'");
        stderr.ShouldContain("'cost'");
    }

    /// <summary>The example spec with analysis.weights added to its analysis section.</summary>
    private static string WithWeights(string weights)
    {
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, Spec));
        yaml.ShouldContain("\nanalysis:\n");
        return yaml.Replace("\nanalysis:\n", $"\nanalysis:\n  weights: {weights}\n", StringComparison.Ordinal);
    }
}
