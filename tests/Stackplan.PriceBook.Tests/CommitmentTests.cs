using Stackplan.Core;

namespace Stackplan.PriceBook.Tests;

/// <summary>Reserved terms and Savings Plans rates of an imported book become hourly prices under the on-demand key.</summary>
public sealed class CommitmentTests
{
    [Fact]
    public void A_reserved_term_is_its_hourly_rate_plus_the_upfront_fee_spread_over_the_term()
    {
        using var book = new TestBook();
        book.Import("ec2-us-east-1.json", "--terms", "all").Exit.ShouldBe(0);
        var prices = SqlitePriceBook.Open(book.Path);

        // 1 year, standard, All Upfront: $513 once, $0.00 an hour -> 513 / (12 x 730 h).
        var allUpfront = prices.Find("ec2/instance/m5.large/reserved-1y-standard-all-upfront", "us-east-1")!;
        allUpfront.FirstPaidUnitPrice.ShouldBe(513m / 8760m);
        allUpfront.Unit.ShouldBe("hour");
        allUpfront.Source.ShouldContain("Reserved");

        // 3 years, convertible, No Upfront: the hourly rate as it is.
        prices.Find("ec2/instance/m5.large/reserved-3y-convertible-no-upfront", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.043m);

        // On-demand is untouched, and a term the file does not have is not invented.
        prices.Find("ec2/instance/m5.large", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.096m);
        prices.Find("ec2/instance/m5.large/reserved-1y-standard-no-upfront", "us-east-1").ShouldBeNull();
    }

    [Fact]
    public void A_savings_plans_rate_prices_the_instance_it_discounts()
    {
        using var book = new TestBook();
        book.Import("ec2-us-east-1.json", "savingsplan-us-east-1.json", "--terms", "all").Exit.ShouldBe(0);
        var prices = SqlitePriceBook.Open(book.Path);

        var plan = prices.Find("ec2/instance/m5.large/savings-plan-1y-compute-no-upfront", "us-east-1")!;
        plan.FirstPaidUnitPrice.ShouldBe(0.067m);
        plan.Source.ShouldContain("TESTSPCOMPUTE1YR");
    }

    [Fact]
    public void Commitment_names_follow_the_term()
    {
        Commitment.Name("Reserved", 1, "No Upfront", "standard", "").ShouldBe("reserved-1y-standard-no-upfront");
        Commitment.Name("Reserved", 3, "Partial Upfront", "convertible", "").ShouldBe("reserved-3y-convertible-partial-upfront");
        Commitment.Name("SavingsPlan", 3, "All Upfront", "", "EC2InstanceSavingsPlans").ShouldBe("savings-plan-3y-ec2-instance-all-upfront");
        Commitment.Name("Reserved", 0, "No Upfront", "standard", "").ShouldBeNull();
    }
}

/// <summary>A node group's purchase option is priced by an imported book's commitment rate, or missing: never on-demand in disguise.</summary>
public sealed class PurchaseOptionTests
{
    private const string Spec = """
        stackplan: 1
        name: reserved-nodes
        region: us-east-1
        environments:
          prod:
            zones: 1
            natGateways: none
            cluster: {kind: eks}
            nodeGroups:
              - {name: general, instanceType: m5.large, count: 2, purchase: reserved-1y, disk: {sizeGb: 20, type: gp3}}
            bastion: none
        """;

    [Fact]
    public void An_imported_book_with_reserved_terms_prices_a_reserved_node_group()
    {
        using var book = new TestBook();
        book.Import("ec2-reserved-us-east-1.json", "--terms", "all").Exit.ShouldBe(0);
        var spec = book.Write("spec.yaml", Spec);

        var (exit, output, err) = book.Run("estimate", spec, "--format", "json");

        exit.ShouldBe(0, err);
        // 2 nodes x 730 h x $0.06 (1 year, standard, no upfront) = $87.60; on-demand would be $140.16.
        output.ShouldContain("ec2/instance/m5.large/reserved-1y-standard-no-upfront");
        output.ShouldContain("87.6");
        output.ShouldNotContain("140.16");
        err.ShouldNotContain("no price");
    }

    [Fact]
    public void Without_a_book_holding_the_commitment_the_line_is_missing_not_on_demand()
    {
        using var book = new TestBook();
        var spec = book.Write("spec.yaml", Spec);

        var (exit, output, err) = CliRunnerInProcess(spec);

        exit.ShouldBe(0);
        err.ShouldContain("no price");
        err.ShouldContain("pricebook import");
        output.ShouldNotContain("140.16");
    }

    [Fact]
    public void A_misspelt_purchase_option_is_refused_with_the_nearest_one()
    {
        using var book = new TestBook();
        var spec = book.Write("spec.yaml", Spec.Replace("reserved-1y", "reserved-1yr", StringComparison.Ordinal));

        var (exit, _, err) = CliRunnerInProcess(spec);

        exit.ShouldBe(2);
        err.ShouldContain("did you mean 'reserved-1y'?");
    }

    private static (int Exit, string Out, string Err) CliRunnerInProcess(string spec)
    {
        var console = Stackplan.Cli.CliConsole.Captured(TestBook.Root);
        var exit = Stackplan.Cli.Program.Run(["estimate", spec, "--format", "json"], console);
        return (exit, console.Out.ToString()!, console.Error.ToString()!);
    }
}
