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
