using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests;

public sealed class PriceTierTests
{
    private static readonly PriceEntry CustomMetrics = EmbeddedData.PriceBook().Find("cloudwatch/metrics/custom", "us-east-1")!;
    private static readonly PriceEntry XRayTraces = EmbeddedData.PriceBook().Find("xray/traces-recorded", "us-east-1")!;

    [Fact]
    public void CloudWatch_metrics_are_priced_across_their_tiers()
    {
        // 10,000 at $0.30 + 240,000 at $0.10 + 50,000 at $0.05
        CustomMetrics.Cost(300_000m, applyFreeTiers: false).Cost.ShouldBe(3_000m + 24_000m + 2_500m);
    }

    [Fact]
    public void Free_tiers_are_ignored_unless_asked_for()
    {
        XRayTraces.Cost(2_000_000m, applyFreeTiers: false).Cost.ShouldBe(10.00m);
        XRayTraces.Cost(2_000_000m, applyFreeTiers: true).Cost.ShouldBe(9.50m);
    }

    [Fact]
    public void Every_shipped_price_names_its_source_and_date()
    {
        EmbeddedData.PriceBook().Entries.ShouldAllBe(e => e.Source.Length > 0 && e.AsOf.Length >= 7);
    }
}
