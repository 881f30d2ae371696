using Stackplan.Core.Model;

namespace Stackplan.PriceBook.Tests;

/// <summary>
/// `pricebook import` takes saved Azure Retail Prices and Cloud Billing Catalog pages (our own
/// fixtures in the APIs' shapes), found by their content, into the same book; estimates on Azure and
/// Google Cloud then use them, and only for their own provider.
/// </summary>
public sealed class CloudImportTests
{
    private static readonly string[] AzurePages = ["cloud/azure-retail-page-1.json", "cloud/azure-retail-page-2.json"];

    private static readonly string[] GcpPages = ["cloud/gcp-skus-page-1.json", "cloud/gcp-skus-page-2.json"];

    [Fact]
    public void Azure_pages_are_found_by_their_content_and_price_azure_keys_only_for_azure()
    {
        using var book = new TestBook();
        var (exit, output, err) = book.Import(AzurePages);
        exit.ShouldBe(0, err);
        output.ShouldContain("imported AzureRetailPrices");

        var books = SqlitePriceBook.OpenAll(book.Path);
        var azure = books.Single(b => b.Provider == "azure");
        var vm = azure.Find("azure/vm/Standard_D4s_v3", "eastus")!;
        (vm.Unit, vm.FirstPaidUnitPrice, vm.AsOf).ShouldBe(("hour", 0.192m, "2026-05-01"));
        vm.Source.ShouldContain("Azure Retail Prices API");
        azure.Find("azure/blob/hot-lrs", "eastus")!.Tiers.Length.ShouldBe(3); // tiers survive the round trip through the book
        books.Where(b => b.Provider != "azure").ShouldAllBe(b => b.Find("azure/vm/Standard_D4s_v3", "eastus") == null);
    }

    [Fact]
    public void Google_pages_price_the_machine_types_built_from_family_core_and_memory_prices()
    {
        using var book = new TestBook();
        var (exit, _, err) = book.Import(GcpPages);
        exit.ShouldBe(0, err);

        var gcp = SqlitePriceBook.OpenAll(book.Path).Single(b => b.Provider == "gcp");
        gcp.Find("gce/instance/e2-standard-4", "us-central1")!.FirstPaidUnitPrice.ShouldBe((4 * 0.02181159m) + (16 * 0.00292353m));
        gcp.Entries.ShouldContain(e => e.Key == "cloud-logging/ingestion");
    }

    [Fact]
    public void An_estimate_on_azure_takes_the_imported_price_and_names_it()
    {
        using var book = new TestBook();
        book.Import(AzurePages).Exit.ShouldBe(0);
        var (exit, csv, _) = book.Run("estimate", "examples/hera-prod/platform.yaml", "--env", "prod-azure", "-f", "csv");
        exit.ShouldBe(0);
        var system = csv.Split('\n').First(l => l.Contains("azure/vm/Standard_D4s_v3", StringComparison.Ordinal));
        system.ShouldContain("AzureRetailPrices");
    }

    [Fact]
    public void A_page_list_that_stops_early_is_imported_with_a_warning_naming_the_missing_page()
    {
        using var book = new TestBook();
        var (exit, _, err) = book.Import("cloud/azure-retail-page-1.json");
        exit.ShouldBe(0);
        err.ShouldContain("SP7006");
        err.ShouldContain("$skip=100");
    }

    [Fact]
    public void Info_shows_what_the_imported_provider_pages_cover()
    {
        using var book = new TestBook();
        book.Import([.. AzurePages, .. GcpPages]).Exit.ShouldBe(0);
        var (exit, csv, _) = book.Run("pricebook", "info", "-f", "csv");
        exit.ShouldBe(0);
        csv.ShouldContain("AzureRetailPrices 20260501,azure,eastus");
        csv.ShouldContain(",gcp,us-central1,");
    }

    [Theory]
    [InlineData("gcp-billing", "not a Cloud Billing Catalog SKU page")]
    [InlineData("aws", "azure-retail-page-1.json")]
    public void A_forced_format_that_does_not_fit_the_file_is_a_coded_error(string format, string says)
    {
        using var book = new TestBook();
        var (exit, _, err) = book.Import("cloud/azure-retail-page-1.json", "--input-format", format);
        exit.ShouldBe(2);
        err.ShouldContain(DiagnosticCodes.InvalidPriceFile.Id);
        err.ShouldContain(says);
    }

    [Fact]
    public void An_unknown_input_format_is_refused_with_the_choices()
    {
        using var book = new TestBook();
        var (exit, _, err) = book.Import("cloud/azure-retail-page-1.json", "--input-format", "azure");
        exit.ShouldBe(2);
        err.ShouldContain("azure-retail");
    }
}
