using Stackplan.Core.Model;
using Stackplan.Core.Sizing;

namespace Stackplan.PriceBook.Tests;

/// <summary>Azure Retail Prices and Cloud Billing Catalog pages, read across their pages and tiers, from fixtures we wrote in the APIs' shapes.</summary>
public sealed class CloudPricePagesTests
{
    private static string Page(string name) => File.ReadAllText(TestBook.Fixture(Path.Combine("cloud", name)));

    private static CloudPricePages.PageRead Azure() =>
        CloudPricePages.ReadAzure(Page("azure-retail-page-1.json"), "fixture", link =>
            link == "https://prices.azure.com/api/retail/prices?$skip=100" ? Page("azure-retail-page-2.json") : null);

    private static CloudPricePages.PageRead Gcp() =>
        CloudPricePages.ReadGcp(Page("gcp-skus-page-1.json"), "fixture", token => token == "token-page-2" ? Page("gcp-skus-page-2.json") : null);

    [Fact]
    public void Azure_pages_are_followed_by_their_next_page_link()
    {
        var read = Azure();

        read.Pages.ShouldBe(2);
        read.Items.ShouldBe(11);
        read.StoppedAt.ShouldBeNull();
        read.Prices.Select(p => p.Key).ShouldBe(["aks/cluster/standard", "azure/blob/hot-lrs", "azure/managed-disk/p10", "azure/vm/Standard_D4s_v3"]);
    }

    [Fact]
    public void Azure_keeps_the_linux_pay_as_you_go_price_of_the_primary_meter_region()
    {
        // Windows, Spot, Reservation and non-primary rows of the same VM are all left out.
        var vm = Azure().Prices.Single(p => p.Key == "azure/vm/Standard_D4s_v3");

        vm.Region.ShouldBe("eastus");
        vm.Unit.ShouldBe("hour");
        vm.FirstPaidUnitPrice.ShouldBe(0.192m);
        vm.Tiers.Length.ShouldBe(1);
        vm.AsOf.ShouldBe("2026-05-01");
        vm.Source.ShouldContain("meter m-d4sv3");
    }

    [Fact]
    public void Azure_tier_minimum_units_become_the_tiers_of_one_price_whatever_their_order_in_the_page()
    {
        var blob = Azure().Prices.Single(p => p.Key == "azure/blob/hot-lrs");

        blob.Tiers.Select(t => (t.From, t.To, t.UnitPrice)).ShouldBe([(0m, (decimal?)51200m, 0.0208m), (51200m, 512000m, 0.02m), (512000m, null, 0.0191m)]);
        blob.Cost(60_000m, applyFreeTiers: false).Cost.ShouldBe((51_200m * 0.0208m) + (8_800m * 0.02m));
    }

    [Fact]
    public void Items_no_key_rule_maps_are_counted_not_priced()
    {
        Azure().Unmapped.ShouldBe(1);
        Gcp().Unmapped.ShouldBe(0);
    }

    [Fact]
    public void A_missing_next_page_ends_the_read_and_says_where()
    {
        var read = CloudPricePages.ReadAzure(Page("azure-retail-page-1.json"), "fixture", _ => null);

        read.Pages.ShouldBe(1);
        read.StoppedAt.ShouldBe("https://prices.azure.com/api/retail/prices?$skip=100");
    }

    [Fact]
    public void Pages_that_link_to_themselves_stop_at_the_page_limit()
    {
        var looping = Page("gcp-skus-page-1.json");

        var error = Should.Throw<InputException>(() => CloudPricePages.ReadGcp(looping, "fixture", _ => looping));

        error.Diagnostics.ShouldContain(d => d.Code == DiagnosticCodes.InvalidPriceFile && d.Message.Contains("pages link back", StringComparison.Ordinal));
    }

    [Fact]
    public void Gcp_pages_are_followed_by_their_next_page_token_and_each_sku_priced_in_each_service_region()
    {
        var read = Gcp();

        read.Pages.ShouldBe(2);
        read.Prices.Where(p => p.Key == "gce/core/e2").Select(p => p.Region).ShouldBe(["us-central1", "us-east4"]);
        read.Prices.ShouldNotContain(p => p.Source.Contains("AAA3", StringComparison.Ordinal), "Spot/Preemptible SKUs are not on-demand prices");
    }

    [Fact]
    public void Gcp_money_is_units_plus_nanos_and_the_latest_pricing_info_wins()
    {
        var core = Gcp().Prices.First(p => p.Key == "gce/core/e2");

        core.FirstPaidUnitPrice.ShouldBe(0.02181159m);
        core.AsOf.ShouldBe("2026-07-01");
        Gcp().Prices.Single(p => p.Key == "gce/disk/pd-balanced").FirstPaidUnitPrice.ShouldBe(0.11m);
    }

    [Fact]
    public void Gcp_tiered_rates_become_tiers_with_the_free_band_marked()
    {
        var logging = Gcp().Prices.Single(p => p.Key == "cloud-logging/ingestion");

        logging.Tiers.Select(t => (t.From, t.To, t.UnitPrice, t.IsFreeTier)).ShouldBe([(0m, (decimal?)50m, 0m, true), (50m, null, 0.5m, false)]);
        logging.Cost(80m, applyFreeTiers: true).Cost.ShouldBe(15m);
        logging.Cost(80m, applyFreeTiers: false).Cost.ShouldBe(40m);
    }

    [Fact]
    public void A_machine_type_is_priced_from_its_family_core_and_memory_prices()
    {
        var types = new[] { new InstanceType("e2-standard-4", 4, 16, 110, "test") };

        var e2 = CloudPricePages.MachineTypes(Gcp().Prices, types).Single(p => p.Region == "us-central1");

        e2.Key.ShouldBe("gce/instance/e2-standard-4");
        e2.FirstPaidUnitPrice.ShouldBe((4 * 0.02181159m) + (16 * 0.00292353m));  // 0.13402284, as the compiled book has it
    }

    [Fact]
    public void A_page_of_another_shape_is_refused()
    {
        Should.Throw<InputException>(() => CloudPricePages.ReadAzure("{\"skus\": []}", "fixture", _ => null)).Diagnostics.ShouldContain(d => d.Code == DiagnosticCodes.InvalidPriceFile);
        Should.Throw<InputException>(() => CloudPricePages.ReadGcp("{not json", "fixture", _ => null)).Message.ShouldContain("malformed JSON");
    }
}
