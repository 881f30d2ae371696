namespace Stackplan.Cli.Tests;

/// <summary>
/// Nothing the user writes is dropped in silence, and -o never writes over anything the run reads:
/// a spec's price that no line uses, a price given twice, an extra argument to a command with
/// actions, and -o naming a price book or a baseline JSON the same run reads.
/// </summary>
public sealed class NothingIgnoredTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stackplan-ignored-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SpecWithPrices(string prices)
    {
        var spec = File.ReadAllText(Path.Combine(CliRunner.Root, "examples", "nist-observability", "platform.yaml")) + "\nprices:\n" + prices;
        File.WriteAllText(Path.Combine(_folder, "spec.yaml"), spec);
        return "spec.yaml";
    }

    [Fact]
    public void A_spec_price_no_line_uses_is_named_with_the_key_the_lines_use_and_fails_under_strict()
    {
        var spec = SpecWithPrices("  - {key: cloudwatch/logs/ingestion, unit: GB, usd: 0.25, source: rate card}\n");

        var (exit, _, err) = CliRunner.RunIn(_folder, "", "compare", spec);
        exit.ShouldBe(0);
        err.ShouldContain("warning SP2026: price 'cloudwatch/logs/ingestion' is used by no line of the 3 deployments priced here, so it changes no figure");
        err.ShouldContain("did you mean 'cloudwatch/logs/ingestion/standard'?");

        CliRunner.RunIn(_folder, "", "compare", spec, "--strict").Exit.ShouldBe(2);
    }

    [Fact]
    public void A_spec_price_a_line_uses_gets_no_warning_and_moves_the_total()
    {
        var spec = SpecWithPrices("  - {key: cloudwatch/logs/ingestion/standard, unit: GB, usd: 0.25, source: rate card}\n");

        var (exit, output, err) = CliRunner.RunIn(_folder, "", "estimate", spec, "--env", "prod-aws", "--option", "aws-managed", "--format", "json");

        exit.ShouldBe(0);
        err.ShouldNotContain("SP2026");
        output.ShouldContain("\"unitPrice\": 0.25");
    }

    [Fact]
    public void A_spec_price_in_the_wrong_unit_is_reported_at_the_spec_price_not_the_catalog()
    {
        var spec = SpecWithPrices("  - {key: cloudwatch/logs/ingestion/standard, unit: hour, usd: 0.25, source: rate card}\n");

        var (exit, _, err) = CliRunner.RunIn(_folder, "", "compare", spec);

        exit.ShouldBe(2);
        err.ShouldMatch(@"spec\.yaml:\d+:\d+: error SP2016: price 'cloudwatch/logs/ingestion/standard' is per 'hour', but .* is counted in 'GB' \(give this price per 'GB'\)");
        err.ShouldNotContain("catalog's quantity formula");
    }

    [Fact]
    public void A_cost_beyond_decimal_blames_the_price_times_the_quantity_at_the_spec_price()
    {
        var spec = SpecWithPrices("  - {key: cloudwatch/logs/ingestion/standard, unit: GB, usd: 1e15, source: rate card}\n");

        var (exit, _, err) = CliRunner.RunIn(_folder, "", "compare", spec, "--usage", "logs_gb_per_day=1e15");

        exit.ShouldBe(2);
        err.ShouldMatch(@"spec\.yaml:\d+:\d+: error SP5001: prod-aws/aws-managed: cloudwatch-logs 'log ingestion': its quantity times price 'cloudwatch/logs/ingestion/standard' is beyond");
        err.ShouldNotContain("data/catalog");
    }

    [Fact]
    public void A_price_given_twice_is_an_error_at_the_second()
    {
        var spec = SpecWithPrices("  - {key: cloudwatch/logs/ingestion/standard, unit: GB, usd: 0.25, source: a}\n  - {key: cloudwatch/logs/ingestion/standard, unit: GB, usd: 0.99, source: b}\n");

        var (exit, _, err) = CliRunner.RunIn(_folder, "", "compare", spec);

        exit.ShouldBe(2);
        err.ShouldMatch(@"spec\.yaml:\d+:\d+: error SP2017: price 'cloudwatch/logs/ingestion/standard' is given twice");
    }

    [Theory]
    [InlineData("pricebook", "info", "my.db")]
    [InlineData("pricebook", "query", "extra")]
    [InlineData("pricebook", "update", "extra")]
    [InlineData("catalog", "list", "extra")]
    public void An_extra_argument_after_an_action_is_refused(string command, string action, string extra)
    {
        var (exit, _, err) = CliRunner.RunIn(_folder, "", command, action, extra);

        exit.ShouldBe(2);
        err.ShouldStartWith($"error SP2107: unexpected argument '{extra}'");
    }

    [Theory]
    [InlineData("sweep", "--vary", "zzz=1..2")]
    [InlineData("compare", "--usage", "zzz=1")]
    public void An_unknown_usage_key_lists_the_keys_the_spec_states_not_the_whole_catalog(string command, string option, string value)
    {
        var (exit, _, err) = CliRunner.Run(command, "examples/nist-observability/platform.yaml", option, value);

        exit.ShouldBe(2);
        err.ShouldContain($"error SP2105: {(option == "--vary" ? "--vary: " : "--usage: ")}'zzz' is not a usage key of this spec (the spec's usage keys: active_series, alarms, custom_metrics, dashboards, logs_gb_per_day, traces_per_month;");
    }

    [Fact]
    public void Naming_a_book_as_a_positional_says_to_use_pricebook() =>
        CliRunner.RunIn(_folder, "", "pricebook", "info", "my.db").Err.ShouldContain("to name a price book, use --pricebook my.db");

    [Fact]
    public void Output_over_the_price_book_being_read_is_refused_and_the_book_stays()
    {
        var book = Path.Combine(_folder, "b.db");
        CliRunner.Run("pricebook", "import", Path.Combine(CliRunner.Root, "tests", "Stackplan.PriceBook.Tests", "Fixtures", "xray-us-east-1.json"), "--pricebook", book).Exit.ShouldBe(0);
        var before = File.ReadAllBytes(book);

        foreach (string[] args in (string[][])[["pricebook", "query", "--pricebook", book, "-o", book, "--format", "csv"], ["pricebook", "info", "--pricebook", book, "-o", book, "--format", "csv"]])
        {
            var (exit, _, err) = CliRunner.RunIn(_folder, "", args);
            exit.ShouldBe(2);
            err.ShouldContain("error SP6102");
            err.ShouldContain("is a file this run reads");
        }

        File.ReadAllBytes(book).ShouldBe(before);
    }

    [Fact]
    public void A_usage_file_given_with_a_spec_is_refused_rather_than_read_for_nothing()
    {
        var spec = SpecWithPrices("  - {key: cloudwatch/logs/ingestion/standard, unit: GB, usd: 0.5, source: list}\n");

        var (exit, _, err) = CliRunner.RunIn(_folder, "", "estimate", spec, "--usage-file", "nonexistent.yml");

        exit.ShouldBe(2);
        err.ShouldContain("error SP2103: --usage-file 'nonexistent.yml' applies to a Terraform plan, and 'spec.yaml' is a spec");
    }

    [Theory]
    [InlineData("nist-observability", "sweep", "--samples", "1_0", "--env", "prod")]
    [InlineData("nist-observability", "sweep", "--samples", "1e1", "--env", "prod")]
    [InlineData("alphacar-migration", "tco", "--years", "1_0")]
    public void Whole_number_options_read_numbers_as_the_spec_does(string example, string command, params string[] options)
    {
        var spec = Path.Combine(CliRunner.Root, "examples", example, "platform.yaml");

        var (exit, _, err) = CliRunner.RunIn(_folder, "", [command, spec, .. options, "--format", "json"]);

        err.ShouldNotContain("must be a whole number");
        exit.ShouldBe(0, err);
    }

    [Theory]
    [InlineData("--samples", "--samples", "2.5")]
    [InlineData("--samples", "--samples", "0")]
    [InlineData("--seed", "--samples", "10", "--seed", "-1")]
    public void Whole_number_options_refuse_fractions_and_out_of_range_values(string refused, params string[] options)
    {
        var spec = SpecWithPrices("  - {key: cloudwatch/logs/ingestion/standard, unit: GB, usd: 0.5, source: list}\n");

        var (exit, _, err) = CliRunner.RunIn(_folder, "", ["sweep", spec, .. options]);

        exit.ShouldBe(2);
        err.ShouldContain($"{refused} must be a whole number from");
    }

    [Fact]
    public void Output_over_the_baseline_of_a_gate_is_refused()
    {
        var spec = SpecWithPrices("  - {key: cloudwatch/logs/ingestion/standard, unit: GB, usd: 0.5, source: list}\n");
        CliRunner.RunIn(_folder, "", "estimate", spec, "--format", "json", "-o", "base.json").Exit.ShouldBe(0);
        var before = File.ReadAllText(Path.Combine(_folder, "base.json"));

        var (exit, _, err) = CliRunner.RunIn(_folder, "", "estimate", spec, "--against", "base.json", "--max-increase", "5", "-o", "base.json");

        exit.ShouldBe(2);
        err.ShouldContain("error SP6102: -o 'base.json' is a file this run reads");
        File.ReadAllText(Path.Combine(_folder, "base.json")).ShouldBe(before);
    }
}
