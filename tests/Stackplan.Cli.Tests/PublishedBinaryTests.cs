namespace Stackplan.Cli.Tests;

/// <summary>
/// The published stackplan (STACKPLAN_BINARY: the native AOT binary, or the dotnet tool's command)
/// gives the same bytes and exit codes as the in-process runs the other tests check. Native AOT
/// trims and precompiles: code reached only through reflection, a resource left out, or a native
/// library not found would show here and nowhere else.
/// </summary>
public sealed class PublishedBinaryTests
{
    private const string Nist = "examples/nist-observability/platform.yaml";

    [PublishedBinaryTheory]
    [MemberData(nameof(GoldenTests.Cases), MemberType = typeof(GoldenTests))]
    public void An_example_renders_exactly_as_its_golden_file_says(string example, string command, string format, string fileName)
    {
        var (exit, actual, stderr) = PublishedBinary.Run(command, $"examples/{example}/platform.yaml", "--format", format);
        exit.ShouldBe(0, stderr);
        actual.ShouldBe(File.ReadAllText(Path.Combine(CliRunner.Root, "examples", example, "expected", fileName)), $"examples/{example}/expected/{fileName}");
    }

    public static TheoryData<string[]> CommandLines() => new()
    {
        new[] { "estimate", Nist, "--format", "csv" },
        new[] { "estimate", Nist, "--format", "markdown", "--usage", "logs_gb_per_day=5..20..60" },
        new[] { "compare", Nist },
        new[] { "compare", "examples/alphacar-migration/platform.yaml", "--matrix", "--format", "markdown" },
        new[] { "explain", Nist, "--env", "prod", "--option", "self-managed" },
        new[] { "check", "examples/hera-prod/platform.yaml", "--env", "prod", "--format", "sarif", "--today", "2026-11-21" },
        new[] { "check", "examples/hera-prod/platform.yaml", "--format", "junit", "--today", "2026-11-21" },
        new[] { "breakeven", Nist, "--vary", "logs_gb_per_day", "--between", "prod/self-managed", "prod-aws/aws-managed", "--format", "json" },
        new[] { "sweep", Nist, "--samples", "2000", "--seed", "7", "--format", "json" },
        new[] { "sweep", Nist, "--vary", "logs_gb_per_day=0..40:4", "--format", "csv" },
        new[] { "tco", "examples/alphacar-migration/platform.yaml", "--format", "json" },
        new[] { "migrate", "examples/alphacar-migration/platform.yaml", "--from", "onprem-refresh/keep-oss", "--to", "aws/cloudwatch", "--format", "markdown" },
        new[] { "catalog", "list" },
        new[] { "catalog", "show", "loki" },
        new[] { "schema" },
        new[] { "--help" },
        new[] { "--version" },
        new[] { "completion", "bash" },
        new[] { "completion", "powershell" },
        // Bad usage and bad input: the same message and exit code 2, never a stack trace.
        new[] { "compare", Nist, "--fromat", "json" },
        new[] { "compare", "no/such/spec.yaml" },
        new[] { "frobnicate" },
        new[] { "pricebook", "info", "--pricebook", "examples/nist-observability/platform.yaml" },
    };

    [PublishedBinaryTheory]
    [MemberData(nameof(CommandLines))]
    public void A_command_line_gives_what_it_gives_in_process(string[] args)
    {
        var expected = CliRunner.Run(args);
        var actual = PublishedBinary.Run(args);
        actual.Err.ShouldNotContain("   at ");
        actual.Exit.ShouldBe(expected.Exit, actual.Err);
        actual.Out.ShouldBe(expected.Out);
        actual.Err.ShouldBe(expected.Err);
    }

    /// <summary>
    /// Where the system has OpenSSL (linux-x64 in CI) the report is written with its SHA-256; where it
    /// has none (the linux-arm64 binary under qemu in CI) the answer is SP2108 and exit 2, never the
    /// abort (exit 134) .NET gives when it cannot load libssl.
    /// </summary>
    [PublishedBinaryFact]
    public void A_report_is_written_or_refused_for_want_of_OpenSSL_never_aborted()
    {
        var (exit, output, err) = PublishedBinary.Run("report", Nist, "--format", "markdown");

        if (exit == 0)
        {
            output.ShouldContain("SHA-256 ");
        }
        else
        {
            exit.ShouldBe(2, err);
            err.ShouldStartWith("error SP2108: the report's reproducibility footer (the spec's SHA-256) needs OpenSSL");
            output.ShouldBeEmpty();
        }
    }

    [PublishedBinaryFact]
    public void Malformed_yaml_on_standard_input_is_exit_2_with_its_line()
    {
        var (exit, _, err) = PublishedBinary.RunWithInput("stackplan: 1\nname: [unclosed\n", "compare", "-");
        exit.ShouldBe(2);
        err.ShouldContain("<stdin>:");
        err.ShouldContain("malformed YAML");
        err.ShouldNotContain("   at ");
    }

    [PublishedBinaryFact]
    public void A_price_book_reads_back_through_sqlite_as_in_process()
    {
        using var book = new TemporaryBook();
        var import = CliRunner.Run("pricebook", "import", Fixture("ec2-us-east-1.json"), Fixture("eks-us-east-1.json"), "--pricebook", book.Path);
        import.Exit.ShouldBe(0, import.Err);

        string[][] reads =
        [
            ["pricebook", "info", "--pricebook", book.Path],
            ["pricebook", "query", "--pricebook", book.Path, "-a", "instanceType=m5.large", "--format", "json"],
            ["estimate", Nist, "--pricebook", book.Path, "--format", "csv"],
        ];
        foreach (var args in reads)
        {
            var expected = CliRunner.Run(args);
            var actual = PublishedBinary.Run(args);
            actual.Exit.ShouldBe(0, actual.Err);
            actual.Out.ShouldBe(expected.Out, string.Join(' ', args));
        }

        PublishedBinary.Run("estimate", Nist, "--pricebook", book.Path, "--format", "csv").Out.ShouldContain("aws-price-list AmazonEKS 20261001000000");
    }

    /// <summary>Importing also hashes the file (SHA-256, through the system's OpenSSL) and writes through SQLite.</summary>
    [PublishedBinaryFact]
    public void A_price_book_imports_with_the_same_contents_as_in_process()
    {
        using var ours = new TemporaryBook();
        using var theirs = new TemporaryBook();
        var import = PublishedBinary.Run("pricebook", "import", Fixture("ec2-us-east-1.json"), Fixture("cloudwatch-us-east-1.json"), "--pricebook", theirs.Path);
        import.Exit.ShouldBe(0, import.Err);
        CliRunner.Run("pricebook", "import", Fixture("ec2-us-east-1.json"), Fixture("cloudwatch-us-east-1.json"), "--pricebook", ours.Path).Exit.ShouldBe(0);

        var diff = CliRunner.Run("pricebook", "diff", ours.Path, theirs.Path);
        diff.Exit.ShouldBe(0, diff.Err);
        diff.Out.ShouldEndWith("0 added, 0 removed, 0 changed\n");
        CliRunner.Run("pricebook", "info", "--pricebook", theirs.Path, "--format", "json").Out
            .ShouldBe(CliRunner.Run("pricebook", "info", "--pricebook", ours.Path, "--format", "json").Out.Replace(ours.Path, theirs.Path, StringComparison.Ordinal));
        PublishedBinary.Run("pricebook", "query", "--pricebook", theirs.Path, "-a", "instanceType=m5.large", "--format", "json").Out.ShouldContain("\"amount\": \"0.0960000000\"");
    }

    private static string Fixture(string name) => Path.Combine(CliRunner.Root, "tests", "Stackplan.PriceBook.Tests", "Fixtures", name);

    private sealed class TemporaryBook : IDisposable
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("stackplan-binary-");

        public string Path => System.IO.Path.Combine(_dir.FullName, "book.db");

        public void Dispose() => _dir.Delete(recursive: true);
    }
}
