using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Testing;

namespace Stackplan.Core.Tests;

public sealed class PriceTierTests
{
    // Bands shaped like CloudWatch custom metrics and X-Ray traces, with the test's own rates.
    private static readonly IPriceBook Book = new PriceBookBuilder()
        .Tiered("metrics/custom", "metric-month", (0m, 10_000m, 0.30m, false), (10_000m, 250_000m, 0.10m, false), (250_000m, null, 0.05m, false))
        .Tiered("traces/recorded", "trace", (0m, 100_000m, 0m, true), (100_000m, null, 0.000005m, false))
        .Build();

    private static readonly PriceEntry CustomMetrics = Book.Find("metrics/custom", "us-east-1")!;
    private static readonly PriceEntry Traces = Book.Find("traces/recorded", "us-east-1")!;

    [Fact]
    public void A_quantity_is_priced_across_its_tiers()
    {
        // 10,000 at $0.30 + 240,000 at $0.10 + 50,000 at $0.05
        CustomMetrics.Cost(300_000m, applyFreeTiers: false).Cost.ShouldBe(3_000m + 24_000m + 2_500m);
        CustomMetrics.CostOf(300_000m, applyFreeTiers: false).ShouldBe(3_000m + 24_000m + 2_500m);
    }

    [Fact]
    public void Free_tiers_are_ignored_unless_asked_for()
    {
        // 2,000,000 x $0.000005, or 1,900,000 x $0.000005 after the free 100,000
        Traces.Cost(2_000_000m, applyFreeTiers: false).Cost.ShouldBe(10.00m);
        Traces.Cost(2_000_000m, applyFreeTiers: true).Cost.ShouldBe(9.50m);
        Traces.CostOf(2_000_000m, applyFreeTiers: true).ShouldBe(9.50m);
    }

    [Fact]
    public void Every_shipped_price_names_its_source_and_date()
    {
        EmbeddedData.PriceBook().Entries.ShouldAllBe(e => e.Source.Length > 0 && e.AsOf.Length >= 7);
    }
}
