namespace Stackplan.Cli.Tests;

/// <summary>
/// A value the user gave that leaves a catalog formula with no value (a divisor of 0, a product
/// beyond decimal) is reported where the user wrote it, with exit 2: a spec setting, a usage key
/// of the spec or of an environment, an environment's setting override, and, for values given on
/// the command line, the option that gave them (--usage, --vary), which have no file:line:column.
/// The catalog formula is only named. A fault no user value is part of stays at the catalog
/// (HandedCaseTests, reliability-07).
/// </summary>
public sealed class InputBlameTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stackplan-blame-").FullName;

    public InputBlameTests() => File.WriteAllText(Path.Combine(_folder, "catalog.yaml"), Catalog);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A user's component whose cost divides by a usage key and whose pods divide by a setting.
    private const string Catalog = """
        components:
          postgres-cnpg:
            name: PostgreSQL with CloudNativePG
            capability: relational-database
            kind: self-managed
            lockIn: none
            setup: medium
            opsHoursPerMonth: 6
            settings:
              pvc_gb: 100
              shards: 4
            usage:
              users: 10
            defaultMode: ha
            modes:
              ha:
                source: "a test component"
                pods:
                  - {name: postgres, replicas: "ceil(8 / shards)", cpu: 1, memory: 4Gi}
                costs:
                  - {item: data volumes, category: storage, price: ec2/ebs/gp3, unit: GB-month, quantity: pvc_gb * 1000 / users}
                  - {item: index volumes, category: storage, price: ec2/ebs/gp3, unit: GB-month, quantity: pvc_gb * pvc_gb / 1000}
        """;

    private const string Spec = """
        stackplan: 1
        name: blame
        region: us-east-1
        usage:
          users: 40
        capabilities:
          relational-database: {component: postgres-cnpg, settings: {shards: 2}}
        environments:
          prod:
            zones: 1
            natGateways: none
            cluster: {kind: eks, endpoint: private}
            nodeGroups:
              - {name: general, instanceType: m5.xlarge, count: 3, disk: {sizeGb: 50, type: gp3}}
            bastion: none
        """;

    private (int Exit, string Out, string Err) Run(string spec, params string[] args)
    {
        File.WriteAllText(Path.Combine(_folder, "spec.yaml"), spec);
        var result = CliRunner.RunIn(_folder, "", [args[0], "spec.yaml", "--catalog", "catalog.yaml", .. args[1..]]);
        result.Err.ShouldNotContain("   at ");
        return result;
    }

    /// <summary>spec.yaml:LINE:COLUMN of the value written after <paramref name="written"/> ("users: ").</summary>
    private static string At(string spec, string written)
    {
        var lines = spec.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(written, StringComparison.Ordinal));
        return $"spec.yaml:{line + 1}:{lines[line].IndexOf(written, StringComparison.Ordinal) + written.Length + 1}";
    }

    [Fact]
    public void The_unchanged_spec_prices_its_volumes() =>
        Run(Spec, "estimate").Out.ShouldContain("2,500 GB-month");

    [Fact]
    public void A_zero_usage_key_of_the_spec_is_blamed_at_its_value()
    {
        var spec = Spec.Replace("users: 40", "users: 0", StringComparison.Ordinal);
        var (exit, _, err) = Run(spec, "estimate");
        exit.ShouldBe(2);
        err.ShouldStartWith($"{At(spec, "users: ")}: error SP2014: prod/default: usage 'users' = 0 leaves component postgres-cnpg.modes.ha.costs.data volumes.quantity with no value (division by zero: 'users' is 0) in 'pvc_gb * 1000 / users' (catalog.yaml:");
        err.ShouldContain("(give usage 'users' a value above 0)");
    }

    [Fact]
    public void A_zero_at_the_low_end_of_a_usage_range_is_blamed_at_the_range()
    {
        var spec = Spec.Replace("users: 40", "users: {low: 0, expected: 40, high: 80}", StringComparison.Ordinal);
        var (exit, _, err) = Run(spec, "estimate");
        exit.ShouldBe(2);
        err.ShouldStartWith($"{At(spec, "users: ")}: error SP2014: prod/default: usage 'users' = 0 leaves");
    }

    [Fact]
    public void A_zero_usage_key_of_an_environment_is_blamed_there_not_at_the_spec_usage()
    {
        var spec = Spec.Replace("    bastion: none", "    bastion: none\n    usage: {users: 0}", StringComparison.Ordinal);
        var (exit, _, err) = Run(spec, "estimate");
        exit.ShouldBe(2);
        err.ShouldStartWith($"{At(spec, "usage: {users: ")}: error SP2014: prod/default: usage 'users' = 0");
    }

    [Fact]
    public void A_zero_setting_in_a_pod_formula_is_blamed_at_the_setting()
    {
        var spec = Spec.Replace("shards: 2", "shards: 0", StringComparison.Ordinal);
        var (exit, _, err) = Run(spec, "estimate");
        exit.ShouldBe(2);
        err.ShouldStartWith($"{At(spec, "shards: ")}: error SP2014: prod/default: postgres-cnpg setting 'shards' = 0 leaves postgres-cnpg pod 'postgres' replicas with no value (division by zero: 'shards' is 0) in 'ceil(8 / shards)'");
        err.ShouldNotContain("SP5001");
    }

    [Fact]
    public void A_zero_setting_in_an_environment_override_is_blamed_at_the_override()
    {
        var spec = Spec.Replace("    bastion: none", "    bastion: none\n    components:\n      postgres-cnpg: {settings: {shards: 0}}", StringComparison.Ordinal);
        var (exit, _, err) = Run(spec, "estimate");
        exit.ShouldBe(2);
        err.ShouldStartWith($"{At(spec, "{settings: {shards: ")}: error SP2014: prod/default: postgres-cnpg setting 'shards' = 0");
    }

    [Fact]
    public void A_setting_whose_product_is_beyond_decimal_is_blamed_at_the_setting()
    {
        // Within the spec's bound for a number (1e15), but squared by the catalog's formula.
        var spec = Spec.Replace("{shards: 2}", "{shards: 2, pvc_gb: 1e15}", StringComparison.Ordinal);
        var (exit, _, err) = Run(spec, "estimate");
        exit.ShouldBe(2);
        err.ShouldStartWith($"{At(spec, "pvc_gb: ")}: error SP2014: prod/default: postgres-cnpg setting 'pvc_gb' = 1000000000000000 leaves component postgres-cnpg.modes.ha.costs.index volumes.quantity with no value");
        err.ShouldContain("beyond the largest amount Stackplan computes");
        err.ShouldContain("(give postgres-cnpg setting 'pvc_gb' a smaller value)");
    }

    [Fact]
    public void A_zero_given_with_usage_names_the_option_since_it_has_no_place_in_a_file()
    {
        var (exit, _, err) = Run(Spec, "estimate", "--usage", "users=0");
        exit.ShouldBe(2);
        err.ShouldStartWith("error SP2014: prod/default: --usage users=0 (on the command line) leaves component postgres-cnpg.modes.ha.costs.data volumes.quantity with no value (division by zero: 'users' is 0)");
        err.ShouldNotContain("spec.yaml:");
    }

    [Fact]
    public void A_sweep_through_zero_names_the_vary_option_and_the_value()
    {
        var (exit, _, err) = Run(Spec, "sweep", "--vary", "users=0..100:4");
        exit.ShouldBe(2);
        err.ShouldStartWith("error SP2014: prod/default: --vary users=0 (on the command line) leaves component postgres-cnpg.modes.ha.costs.data volumes.quantity with no value (division by zero: 'users' is 0)");
        err.ShouldNotContain("SP5001");
    }

    [Fact]
    public void A_sweep_that_stays_above_zero_prices_every_point() =>
        Run(Spec, "sweep", "--vary", "users=10..100:3").Exit.ShouldBe(0);

    private static string WithManagedOption(string spec) => spec + """

        options:
          self-managed:
            description: the test component
          managed:
            capabilities:
              relational-database: rds-postgres
        """;

    [Fact]
    public void A_break_even_through_zero_names_the_vary_option()
    {
        var (exit, _, err) = Run(WithManagedOption(Spec), "breakeven", "--vary", "users", "--between", "self-managed", "managed");
        exit.ShouldBe(2);
        err.ShouldStartWith("error SP2014: prod/self-managed: --vary users=0 (on the command line) leaves component postgres-cnpg.modes.ha.costs.data volumes.quantity with no value (division by zero: 'users' is 0)");
    }
}
