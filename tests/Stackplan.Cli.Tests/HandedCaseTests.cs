using System.Text;
using System.Text.Json;

namespace Stackplan.Cli.Tests;

/// <summary>
/// The tester-found cases of the "never silently wrong" kinds (crashes, unbounded reads, silent
/// wrong results, input checks, missing prices, unsafe output, messages), each run in its own folder
/// under Cases/ and checked for its exit code and its diagnostic code, never a stack trace.
/// </summary>
public sealed class HandedCaseTests
{
    private static string Folder(string prefix) =>
        Directory.GetDirectories(Path.Combine(CliRunner.Root, "tests", "Stackplan.Cli.Tests", "Cases"), prefix + "*").Single();

    private static (int Exit, string Out, string Err) In(string prefix, params string[] args)
    {
        var result = CliRunner.RunIn(Folder(prefix), "", args);
        result.Err.ShouldNotContain("   at ");
        result.Err.ShouldNotContain("Exception");
        return result;
    }

    private static (int Exit, string Out, string Err) InWith(string directory, byte[] stdin, params string[] args)
    {
        var console = CliConsole.Captured(directory, stdin);
        var exit = Program.Run(args, console);
        var err = console.Error.ToString()!;
        err.ShouldNotContain("   at ");
        return (exit, console.Out.ToString()!, err);
    }

    // Crashes on bad or edge input.

    [Fact]
    public void Real08_a_spec_instance_type_with_a_shipped_name_replaces_the_shipped_shape()
    {
        var (exit, stdout, _) = In("real-08", "estimate", "spec.yaml");
        exit.ShouldBe(0);
        stdout.ShouldContain("1 / 2 m5.2xlarge");
        stdout.ShouldContain("$641.64");
    }

    [Theory]
    [InlineData("logs_gb_per_day=7000000000000000000000000000")]
    [InlineData("logs_gb_per_day=1e27")]
    [InlineData("logs_gb_per_day=1e308")]
    public void Reliability04_command_line_usage_has_the_spec_bounds(string usage)
    {
        var (exit, _, err) = In("reliability-04", "estimate", "spec.yaml", "--usage", usage);
        exit.ShouldBe(2);
        err.ShouldContain("error SP2103: usage 'logs_gb_per_day' must be at most 1000000000000000");
    }

    [Fact]
    public void Reliability06_a_tco_beyond_decimal_is_a_coded_error()
    {
        var (exit, _, err) = In("reliability-06", "tco", "spec.yaml");
        exit.ShouldBe(2);
        err.ShouldContain("error SP5001");
    }

    [Theory]
    [InlineData("hugemul", "the result is beyond the largest amount")]
    [InlineData("power", "the result is beyond the largest amount")]
    [InlineData("round100", "round() takes 0 to 28 decimals, not 100")]
    [InlineData("roundneg", "round() takes 0 to 28 decimals, not -1")]
    [InlineData("roundhuge", "round() takes 0 to 28 decimals, not 100000000000000")]
    [InlineData("clampinv", "clamp(): min 10 is above max 1")]
    public void Reliability07_a_formula_with_no_value_is_an_error_at_its_catalog_line(string catalog, string why)
    {
        var (exit, _, err) = In("reliability-07", "estimate", "spec.yaml", "--catalog", $"catalog-{catalog}.yaml");
        exit.ShouldBe(2);
        err.ShouldStartWith($"catalog-{catalog}.yaml:19:99: error SP2014: component postgres-cnpg.modes.ha.costs.data volumes.quantity: {why}");
    }

    [Fact]
    public void Reliability07_the_control_catalog_prices_its_volumes() =>
        In("reliability-07", "estimate", "spec.yaml", "--catalog", "catalog-ok.yaml").Out.ShouldContain("$24.00");

    [Fact]
    public void Reliability08_a_broken_flow_mapping_is_malformed_yaml_in_a_spec_a_catalog_and_stdin()
    {
        var folder = Folder("reliability-08");
        In("reliability-08", "compare", "spec.yaml").Err.ShouldStartWith("spec.yaml:1:7: error SP2001: malformed YAML");
        In("reliability-08", "estimate", "valid-spec.yaml", "--catalog", "spec.yaml").Err.ShouldStartWith("spec.yaml:1:7: error SP2001");
        var (exit, _, err) = InWith(folder, File.ReadAllBytes(Path.Combine(folder, "spec.yaml")), "estimate", "-");
        exit.ShouldBe(2);
        err.ShouldStartWith("<stdin>:1:7: error SP2001");
    }

    // Unbounded resource use.

    [Fact]
    public void Reliability10_standard_input_is_read_up_to_4_MiB_and_no_further()
    {
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a: b\n", (5 * 1024 * 1024) / 5)));
        var (exit, _, err) = InWith(Folder("reliability-10"), big, "compare", "-");
        exit.ShouldBe(2);
        err.ShouldContain("error SP6002");
        err.ShouldContain("is larger than 4 MiB");

        // Bytes that are not JSON (here zeros, as from /dev/zero) meet the spec's bound, not a plan's.
        var zeros = InWith(Folder("reliability-10"), new byte[5 * 1024 * 1024], "compare", "-");
        zeros.Exit.ShouldBe(2);
        zeros.Err.ShouldContain("is larger than 4 MiB");
    }

    [Fact]
    public async Task Reliability10_a_spec_that_is_a_fifo_meets_the_specs_bound_too()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A FIFO has no size to check before reading: endless YAML must stop at the spec's 4 MiB, not a plan's 512.
        var folder = Directory.CreateTempSubdirectory("stackplan-fifo-").FullName;
        try
        {
            var fifo = Path.Combine(folder, "spec.fifo");
            System.Diagnostics.Process.Start("mkfifo", fifo)!.WaitForExit();
            var writer = Task.Run(() =>
            {
                try
                {
                    using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                    var line = Encoding.UTF8.GetBytes("a: b\n");
                    for (var written = 0L; written < 600L * 1024 * 1024; written += line.Length)
                    {
                        stream.Write(line);
                    }
                }
                catch (IOException)
                {
                    // The reader stopped and closed its end: what this test expects.
                }
            });

            var (exit, _, err) = CliRunner.RunIn(folder, "", "compare", "spec.fifo");

            exit.ShouldBe(2);
            err.ShouldContain("error SP6002: the spec is larger than 4 MiB");
            await writer.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Reliability12_a_grid_at_the_documented_maximum_streams_its_rows_in_bounded_memory()
    {
        // 10,001 x 10,001 points: the writer stops the run after 200,000 rows. Rows reach it as they
        // are computed, and the memory the process holds after a full collection does not grow with them.
        var output = new RowCountingWriter(stopAfter: 200_000, measureAt: [10_000, 200_000]);
        var console = CliConsole.Captured(Folder("reliability-12")) with { Out = output };

        Should.Throw<RowCountingWriter.Enough>(() => Program.Run(["sweep", "spec.yaml", "--vary", "logs_gb_per_day=0..10:10000", "--vary", "nat_data_gb_per_month=0..10:10000", "--format", "csv"], console));

        output.FirstLines.ShouldBe(["logs_gb_per_day,nat_data_gb_per_month,prod_default", "0,0,32.85", "0,0.001,32.85"], "header, then the grid's first points in order");
        var growth = output.HeldBytes[1] - output.HeldBytes[0];
        growth.ShouldBeLessThan(8L * 1024 * 1024, $"190,000 more rows kept {growth:N0} bytes alive; holding them would keep tens of MB");
    }

    [Fact]
    public void Reliability12_a_grid_too_large_to_hold_is_refused_for_formats_made_for_people()
    {
        var (exit, _, err) = In("reliability-12", "sweep", "spec.yaml", "--vary", "logs_gb_per_day=0..10:10000", "--vary", "nat_data_gb_per_month=0..10:10000", "--format", "markdown");
        exit.ShouldBe(2);
        err.ShouldContain("error SP2103: the grid has 100,020,001 cells; above 1,000,000 a sweep streams its rows as csv or json (JSON Lines), not markdown");
    }

    /// <summary>Standard output for a streamed run: keeps the first lines, notes the memory held at given rows, and stops the run at a row count.</summary>
    private sealed class RowCountingWriter(int stopAfter, long[] measureAt) : TextWriter
    {
        private readonly System.Text.StringBuilder _line = new();
        private long _rows = -1; // the header is not a row

        public sealed class Enough : Exception;

        public List<string> FirstLines { get; } = [];

        public List<long> HeldBytes { get; } = [];

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value != '\n')
            {
                if (FirstLines.Count < 3)
                {
                    _line.Append(value);
                }

                return;
            }

            if (FirstLines.Count < 3)
            {
                FirstLines.Add(_line.ToString());
                _line.Clear();
            }

            _rows++;
            if (measureAt.Contains(_rows))
            {
                HeldBytes.Add(GC.GetTotalMemory(forceFullCollection: true));
            }

            if (_rows >= stopAfter)
            {
                throw new Enough();
            }
        }
    }

    // Silent wrong results.

    [Fact]
    public void Real10_tco_pays_back_only_when_the_cloud_ends_cheaper_and_names_the_crossings()
    {
        var (exit, stdout, _) = In("real-10", "tco", "spec.yaml", "--format", "json");
        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        var rows = json.RootElement.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("payback_month").GetString()).ShouldBe(["never", "never"]);
        rows[0].GetProperty("crossings").GetString().ShouldBe("month 5: on-prem cheaper from then");
        rows[1].GetProperty("crossings").GetString().ShouldBe("month 20: on-prem cheaper from then");
        rows.Select(r => r.GetProperty("saving").GetDecimal()).ShouldBe([-8_799_999.80m, -64_000.00m]);
        rows[0].GetProperty("monthly_saving_ratio").GetString().ShouldBe("n/a");
        stdout.ShouldNotContain("pays for itself in month");
    }

    [Fact]
    public void Real13_a_misspelt_usage_key_is_warned_with_a_suggestion_and_refused_under_strict()
    {
        var (exit, _, err) = In("real-13", "estimate", "spec.yaml");
        exit.ShouldBe(0);
        err.ShouldContain("warning SP2025: usage 'nat_data_gb_per_mnth'");
        err.ShouldContain("did you mean 'nat_data_gb_per_month'?");
        var strict = In("real-13", "estimate", "spec.yaml", "--strict");
        strict.Exit.ShouldBe(2);
        strict.Err.ShouldContain("error SP2025");
        In("real-13", "sweep", "spec.yaml", "--vary", "nat_data_gb_per_mnth=0..10000:2").Err.ShouldContain("error SP2105");
        // Spelt right, the key prices NAT data processing: 5,000 GB x $0.045 = $225.00 beside the $32.85 of hours.
        var correct = In("real-13", "estimate", "spec-correct.yaml");
        correct.Err.ShouldNotContain("SP2025");
        correct.Out.ShouldContain("$225.00");
        correct.Out.ShouldContain("$32.85");
    }

    [Fact]
    public void Real16_a_public_and_private_endpoint_without_a_restriction_fails_the_private_endpoint_rule()
    {
        var (exit, stdout, _) = In("real-16", "check", "spec.yaml", "--env", "a-both-open", "--rule", "SP1003", "--rule", "SP1004", "--format", "json");
        exit.ShouldBe(1);
        stdout.ShouldContain("SP1003");

        // The private-only endpoint in a prod environment: SP1004 is skipped for its endpoint, not its tier.
        var junit = In("real-16", "check", "spec.yaml", "--env", "c-private-only", "--rule", "SP1003", "--rule", "SP1004", "--format", "junit");
        junit.Out.ShouldContain("<skipped message=\"does not apply here: it applies only when the EKS cluster endpoint has a public side as well as a private one");
        junit.Out.ShouldNotContain("tiers: prod");
    }

    [Fact]
    public void Reliability02_an_unknown_capability_and_a_component_under_the_wrong_one_are_refused()
    {
        var typo = In("reliability-02", "estimate", "spec-typo.yaml", "--option", "cloudwatch");
        typo.Exit.ShouldBe(2);
        typo.Err.ShouldContain("spec-typo.yaml:8:3: error SP2023: unknown capability 'logz' (did you mean 'logs'?)");
        var wrong = In("reliability-02", "estimate", "spec-wrong-component.yaml");
        wrong.Exit.ShouldBe(2);
        wrong.Err.ShouldContain("spec-wrong-component.yaml:7:3: error SP2024: rds-postgres fills 'relational-database', not 'logs'");
        wrong.Err.ShouldContain("spec-wrong-component.yaml:8:3: error SP2023: unknown capability 'database'");
    }

    [Fact]
    public void Reliability17_a_zero_ratio_is_a_division_by_zero_error_and_a_negative_quantity_a_warning()
    {
        var zero = In("reliability-17", "explain", "spec.yaml", "--env", "prod", "--option", "default", "loki/log-chunks-in-s3");
        zero.Exit.ShouldBe(2);
        // Blamed at the spec's value (line 8, the 0 of compression_ratio: 0), not at the catalog formula that divides by it.
        zero.Err.ShouldStartWith("spec.yaml:8:80: error SP2014: prod/default: loki setting 'compression_ratio' = 0 leaves component loki.costs.log chunks in S3.quantity with no value (division by zero: 'compression_ratio' is 0)");
        zero.Err.ShouldContain("(give loki setting 'compression_ratio' a value above 0)");
        In("reliability-17", "estimate", "spec-catalog.yaml", "--catalog", "catalog-div0.yaml").Err.ShouldContain("catalog-div0.yaml:19:99: error SP2014");
        var negative = In("reliability-17", "estimate", "spec-catalog.yaml", "--catalog", "catalog-negative.yaml", "--format", "json");
        negative.Exit.ShouldBe(0);
        negative.Out.ShouldContain("\"code\": \"SP3004\"");

        // explain shows the clamp beside the figure it changed, not a bare "= 0".
        var explained = In("reliability-17", "explain", "spec-catalog.yaml", "--catalog", "catalog-negative.yaml", "--env", "prod", "--option", "default", "postgres-cnpg/data-volumes");
        explained.Out.ShouldContain("! SP3004 postgres-cnpg/data-volumes: the quantity '0 - pvc_gb' comes to -100 GB-month; the line counts it as 0");
    }

    [Fact]
    public void Reliability22_breakeven_compares_like_with_like_and_needs_a_key_one_side_reads()
    {
        var mixed = In("reliability-22", "breakeven", "spec.yaml", "--vary", "logs_gb_per_day", "--between", "self-managed", "loki", "--steps", "2");
        mixed.Exit.ShouldBe(2);
        mixed.Err.ShouldContain("error SP2106: --between compares two options (deployments) or two components, not option 'self-managed' with component 'loki'");
        var flat = In("reliability-22", "breakeven", "spec.yaml", "--vary", "dashboards", "--between", "loki", "cloudwatch-logs", "--steps", "2");
        flat.Exit.ShouldBe(2);
        flat.Err.ShouldContain("error SP2106: neither loki nor cloudwatch-logs reads 'dashboards'");
    }

    // Input checks.

    [Theory]
    [InlineData("spec-bad-bytes.yaml", "spec-bad-bytes.yaml:3:11: error SP6003: the spec is not valid UTF-8 (byte 0xFF)")]
    [InlineData("spec-latin1.yaml", "spec-latin1.yaml:4:16: error SP6003: the spec is not valid UTF-8 (byte 0xE4)")]
    public void Reliability19_bytes_that_are_not_utf8_are_refused_at_their_place(string spec, string message)
    {
        var (exit, _, err) = In("reliability-19", "estimate", spec);
        exit.ShouldBe(2);
        err.ShouldStartWith(message);
    }

    [Theory]
    [InlineData("compare", "spec.yaml", "other.yaml")]
    [InlineData("estimate", "spec.yaml", "total")]
    [InlineData("check", "spec.yaml", "other.yaml")]
    [InlineData("sweep", "spec.yaml", "other.yaml", "--samples", "10")]
    public void Reliability23_an_extra_positional_argument_is_refused(params string[] args)
    {
        var (exit, _, err) = In("reliability-23", args);
        exit.ShouldBe(2);
        err.ShouldStartWith($"error SP2107: unexpected argument '{args[2]}'");
    }

    [Fact]
    public void Reliability27_a_duplicate_compare_entry_is_refused()
    {
        var (exit, _, err) = In("reliability-27", "compare", "spec.yaml");
        exit.ShouldBe(2);
        err.ShouldContain("error SP2017: compare lists prod/oss twice");
    }

    [Fact]
    public void Reliability28_the_command_line_reads_numbers_as_the_spec_does()
    {
        var (exit, stdout, _) = In("reliability-28", "estimate", "spec.yaml", "--usage", "logs_gb_per_day=1_000");
        exit.ShouldBe(0);
        stdout.ShouldContain("$16,108.33");
        In("reliability-28", "estimate", "spec.yaml", "--usage", "logs_gb_per_day=500..1_000..2_000").Exit.ShouldBe(0);
        In("reliability-28", "sweep", "spec.yaml", "--vary", "logs_gb_per_day=0..1_000:2").Exit.ShouldBe(0);
        In("reliability-28", "estimate", "spec.yaml", "--usage", "logs_gb_per_day=1__000").Err.ShouldContain("error SP2103");
    }

    // Missing prices.

    [Fact]
    public void Real11_fargate_in_eu_central_1_is_priced_and_never_a_zero_total()
    {
        var (exit, stdout, err) = In("real-11", "estimate", "spec.yaml");
        exit.ShouldBe(0);
        err.ShouldNotContain("SP3001");
        stdout.ShouldContain("$33.99");
        stdout.ShouldContain("$7.46");
        stdout.ShouldContain("$41.45");
    }

    [Fact]
    public void Real11_a_deployment_with_nothing_priced_exits_1_and_names_the_keys()
    {
        // Every line of the managed option is a price no book holds: no $0.00 total passes as a result.
        const string spec = """
            stackplan: 1
            name: nothing-priced
            region: us-east-1
            capabilities:
              relational-database: unpriced-db
            environments:
              prod:
                zones: 1
                natGateways: none
                cluster: {kind: ecs-fargate}
                bastion: none
            """;
        var (exit, _, err) = CliRunner.RunIn(Folder("reliability-03"), spec, "estimate", "-", "--catalog", "catalog-unpriced.yaml");
        err.ShouldContain("error SP5007: prod/default: no line has a price in us-east-1 (test/unpriced-db-hour)");
        exit.ShouldBe(1);
    }

    [Fact]
    public void Accuracy03_priced_sides_decide_and_the_managed_side_is_never_cheaper()
    {
        var (exit, stdout, err) = In("accuracy-03", "breakeven", "spec.yaml", "--vary", "logs_gb_per_day", "--between", "prod/self-managed", "prod/managed", "--steps", "4");
        exit.ShouldBe(0);
        err.ShouldNotContain("SP5006");
        stdout.ShouldContain("prod/self-managed is cheaper throughout");
        In("accuracy-03", "migrate", "spec.yaml", "--from", "prod/self-managed", "--to", "prod/managed", "--format", "json").Out.ShouldNotContain("\"decision\": \"replace\"");
    }

    [Fact]
    public void Reliability03_an_incomplete_analysis_is_marked_in_every_format_and_fails_under_strict()
    {
        string[] spec = ["spec-unpriced.yaml", "--catalog", "catalog-unpriced.yaml"];
        var (exit, stdout, err) = In("reliability-03", ["migrate", .. spec, "--from", "rds", "--to", "managed", "--format", "json"]);
        exit.ShouldBe(0);
        err.ShouldContain("warning SP5006: prod/managed has 1 line(s) with no price in us-east-1");
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("complete").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("warnings")[0].GetProperty("code").GetString().ShouldBe("SP5006");
        var step = json.RootElement.GetProperty("tables")[0].GetProperty("rows")[0];
        step.GetProperty("decision").GetString().ShouldBe("undecided");
        step.GetProperty("saving").GetString().ShouldBe("unknown");
        json.RootElement.GetProperty("findings")[0].GetString()!.ShouldStartWith("INCOMPLETE");

        In("reliability-03", ["sweep", .. spec, "--samples", "10", "--format", "markdown"]).Out.ShouldContain("> **warning SP5006:**");
        In("reliability-03", ["sweep", .. spec, "--samples", "10", "--strict"]).Exit.ShouldBe(1);
        In("reliability-03", ["compare", .. spec, "--fail-on-missing"]).Exit.ShouldBe(1);
        In("reliability-03", ["compare", .. spec]).Exit.ShouldBe(0);
    }

    [Fact]
    public void Reliability20_a_spot_group_without_a_discount_is_a_spec_error()
    {
        var (exit, _, err) = In("reliability-20", "estimate", "spec.yaml");
        exit.ShouldBe(2);
        err.ShouldContain("error SP2005");
        err.ShouldContain("is a spot group and needs 'spotDiscount'");
    }

    // Unsafe file output.

    [Fact]
    public void Reliability01_a_fifo_a_device_and_a_folder_are_never_replaced_and_a_symlink_is_written_through()
    {
        var folder = Directory.CreateTempSubdirectory("stackplan-o-").FullName;
        try
        {
            File.Copy(Path.Combine(Folder("reliability-01"), "spec.yaml"), Path.Combine(folder, "spec.yaml"));
            if (!OperatingSystem.IsWindows())
            {
                System.Diagnostics.Process.Start("mkfifo", Path.Combine(folder, "out.fifo"))!.WaitForExit();
                var fifo = CliRunner.RunIn(folder, "", "compare", "spec.yaml", "-o", "out.fifo", "--format", "json");
                fifo.Exit.ShouldBe(2);
                fifo.Err.ShouldStartWith("error SP6102: -o 'out.fifo' is not a regular file");
                CliRunner.RunIn(folder, "", "compare", "spec.yaml", "-o", "/dev/full", "--format", "json").Err.ShouldStartWith("error SP6102");
                File.Exists("/dev/full").ShouldBeTrue();
                // A link into /proc that ends nowhere on disk (/dev/stdout -> /proc/self/fd/1 -> pipe:[...]).
                File.CreateSymbolicLink(Path.Combine(folder, "to-proc.json"), "/proc/self/fd/999");
                CliRunner.RunIn(folder, "", "compare", "spec.yaml", "-o", "to-proc.json", "--format", "json").Err.ShouldStartWith("error SP6102: -o 'to-proc.json' is not a regular file");
            }

            CliRunner.RunIn(folder, "", "compare", "spec.yaml", "-o", ".", "--format", "json").Err.ShouldStartWith("error SP6102: -o '.' is a folder");
            File.WriteAllText(Path.Combine(folder, "target.json"), "{\"keep\":\"me\"}");
            File.CreateSymbolicLink(Path.Combine(folder, "link.json"), "target.json");
            CliRunner.RunIn(folder, "", "compare", "spec.yaml", "-o", "link.json", "--format", "json").Exit.ShouldBe(0);
            new FileInfo(Path.Combine(folder, "link.json")).LinkTarget.ShouldBe("target.json");
            File.ReadAllText(Path.Combine(folder, "target.json")).ShouldContain("\"deployments\"");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Reliability16_o_never_overwrites_an_input_of_the_run()
    {
        var folder = Directory.CreateTempSubdirectory("stackplan-o-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Folder("reliability-16")))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var spec = File.ReadAllText(Path.Combine(folder, "spec.yaml"));
            var catalog = File.ReadAllText(Path.Combine(folder, "catalog.yaml"));
            var (exit, _, err) = CliRunner.RunIn(folder, "", "compare", "spec.yaml", "--catalog", "catalog.yaml", "-o", "spec.yaml", "--format", "json");
            exit.ShouldBe(2);
            err.ShouldStartWith("error SP6102: -o 'spec.yaml' is a file this run reads");
            CliRunner.RunIn(folder, "", "compare", "spec.yaml", "--catalog", "catalog.yaml", "-o", "catalog.yaml", "--format", "json").Exit.ShouldBe(2);
            File.CreateSymbolicLink(Path.Combine(folder, "alias.yaml"), "spec.yaml");
            CliRunner.RunIn(folder, "", "compare", "spec.yaml", "--catalog", "catalog.yaml", "-o", "alias.yaml", "--format", "json").Exit.ShouldBe(2);
            File.ReadAllText(Path.Combine(folder, "spec.yaml")).ShouldBe(spec);
            File.ReadAllText(Path.Combine(folder, "catalog.yaml")).ShouldBe(catalog);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Messages.

    [Fact]
    public void Reliability25_a_word_for_a_number_and_a_number_too_large_say_so()
    {
        // At the word itself, not at the start of the component's line.
        In("reliability-25", "estimate", "spec-setting-word.yaml").Err.ShouldContain("spec-setting-word.yaml:8:67: error SP2003: loki setting pvc_gb must be a number, not 'lots'");
        var huge = In("reliability-25", "estimate", "spec-huge-number.yaml");
        huge.Exit.ShouldBe(2);
        huge.Err.ShouldContain("spec-huge-number.yaml:6:20: error SP2004: usage.logs_gb_per_day must be at most 1000000000000000, not '1e308'");
    }

    [Fact]
    public void Reliability25_a_folder_given_as_a_catalog_is_named_a_folder()
    {
        var folder = Directory.CreateTempSubdirectory("stackplan-m-").FullName;
        try
        {
            File.Copy(Path.Combine(Folder("reliability-25"), "spec.yaml"), Path.Combine(folder, "spec.yaml"));
            Directory.CreateDirectory(Path.Combine(folder, "adir"));
            var (exit, _, err) = CliRunner.RunIn(folder, "", "estimate", "spec.yaml", "--catalog", "adir");
            exit.ShouldBe(2);
            err.ShouldStartWith("error SP6001: 'adir' is a folder, not a catalog file");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The reference input.

    [Fact]
    public void Reliability00_a_new_users_spec_and_catalog_still_compare_cleanly()
    {
        var (exit, _, err) = In("reliability-00", "compare", "spec.yaml", "--catalog", "catalog.yaml");
        exit.ShouldBe(0);
        err.ShouldBeEmpty();
    }
}
