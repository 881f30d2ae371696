namespace Stackplan.PriceBook.Tests;

/// <summary>Offer files in the real format go into the book and come back exactly as the files give them.</summary>
public sealed class ImportTests
{
    [Fact]
    public void On_demand_and_reserved_ec2_prices_come_back_exactly_as_written()
    {
        using var book = new TestBook();
        book.Import("ec2-us-east-1.json", "--terms", "all").Exit.ShouldBe(0);

        var m5 = book.Query("TESTM5LARGELNX01");
        m5.Single(p => p.TermType == "OnDemand").Amount.ShouldBe("0.0960000000");
        var upfront = m5.Single(p => p.Unit == "Quantity");
        (upfront.TermType, upfront.LeaseContractLength, upfront.PurchaseOption, upfront.OfferingClass, upfront.Amount).ShouldBe(("Reserved", "1yr", "All Upfront", "standard", "513"));
        upfront.BeginRange.ShouldBe("");
        upfront.EndRange.ShouldBeNull();
        var convertible = m5.Single(p => p.LeaseContractLength == "3yr");
        (convertible.OfferingClass, convertible.PurchaseOption, convertible.Amount, convertible.Unit).ShouldBe(("convertible", "No Upfront", "0.0430000000", "Hrs"));
    }

    [Fact]
    public void By_default_only_the_on_demand_terms_the_catalog_prices_are_kept()
    {
        using var book = new TestBook();
        book.Import("ec2-us-east-1.json").Exit.ShouldBe(0);
        book.Query("TESTM5LARGELNX01").Select(p => p.TermType).ShouldBe(["OnDemand"]);
    }

    [Fact]
    public void A_product_without_terms_is_kept_but_has_no_price()
    {
        using var book = new TestBook();
        book.Import("ec2-us-east-1.json").Exit.ShouldBe(0);
        PriceBookQueries.Info(book.Path).Single().Products.ShouldBe(8);
        book.Query("TESTDATAXFER0001").ShouldBeEmpty();
    }

    [Fact]
    public void Tiers_are_read_even_when_terms_come_before_products()
    {
        using var book = new TestBook();
        book.Import("cloudwatch-us-east-1.json").Exit.ShouldBe(0);
        var tiers = book.Query("TESTCWMETRICS001");
        tiers.Select(t => (t.BeginRange, t.EndRange, t.Amount)).ShouldBe(
        [
            ("0", "10000", "0.3000000000"), ("10000", "250000", "0.1000000000"), ("250000", "1000000", "0.0500000000"), ("1000000", null, "0.0200000000"),
        ]);
    }

    [Fact]
    public void The_price_book_turns_aws_tiers_and_units_into_stackplan_prices()
    {
        using var book = new TestBook();
        book.Import("cloudwatch-us-east-1.json", "xray-us-east-1.json", "ec2-us-east-1.json").Exit.ShouldBe(0);
        var prices = SqlitePriceBook.Open(book.Path);

        var metrics = prices.Find("cloudwatch/metrics/custom", "us-east-1")!;
        metrics.Unit.ShouldBe("metric-month");
        metrics.Tiers.Select(t => (t.From, t.To, t.UnitPrice)).ShouldBe([(0m, 10000m, 0.3m), (10000m, 250000m, 0.1m), (250000m, 1000000m, 0.05m), (1000000m, null, 0.02m)]);

        var traces = prices.Find("xray/traces-recorded", "us-east-1")!;
        traces.Tiers.Select(t => (t.From, t.To, t.UnitPrice, t.IsFreeTier)).ShouldBe([(0m, 100000m, 0m, true), (100000m, null, 0.000005m, false)]);

        var m5 = prices.Find("ec2/instance/m5.large", "us-east-1")!;
        (m5.Unit, m5.FirstPaidUnitPrice, m5.AsOf, m5.Book).ShouldBe(("hour", 0.096m, "2026-10-15", "aws-price-list AmazonEC2 20261015120000"));
        m5.Source.ShouldContain("SKU TESTM5LARGELNX01");
        prices.Find("ec2/instance/t3a.xlarge", "us-east-2")!.FirstPaidUnitPrice.ShouldBe(0.1504m);
        prices.Find("ec2/ebs/gp3", "us-east-1")!.Unit.ShouldBe("GB-month");
        prices.Find("ec2/nat-gateway/data", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.045m);
        prices.Find("cloudwatch/dashboard", "eu-west-1")!.FirstPaidUnitPrice.ShouldBe(3m);
    }

    [Fact]
    public void Windows_and_other_non_matching_products_never_price_a_linux_key()
    {
        using var book = new TestBook();
        book.Import("ec2-us-east-1.json").Exit.ShouldBe(0);
        SqlitePriceBook.Open(book.Path).Entries.Where(e => e.Key == "ec2/instance/m5.large").Select(e => e.FirstPaidUnitPrice).ShouldBe([0.096m]);
    }

    [Fact]
    public void Cny_prices_are_stored_but_never_mixed_into_usd_estimates()
    {
        using var book = new TestBook();
        book.Import("ec2-cn-north-1.json").Exit.ShouldBe(0);
        var row = book.Query("TESTCNM5LARGE001").Single();
        (row.Currency, row.Amount, row.Region).ShouldBe(("CNY", "0.7090000000", "cn-north-1"));
        SqlitePriceBook.Open(book.Path).Find("ec2/instance/m5.large", "cn-north-1").ShouldBeNull();
    }

    [Theory]
    [InlineData("USE1-DataProcessing-Bytes", "DataProcessing-Bytes")]
    [InlineData("EU-AmazonEKS-Hours:perCluster", "AmazonEKS-Hours:perCluster")]
    [InlineData("APN1-BoxUsage:m5.large", "BoxUsage:m5.large")]
    [InlineData("Global-XRay-TracesStored", "XRay-TracesStored")]
    [InlineData("BoxUsage:m5.large", "BoxUsage:m5.large")]
    [InlineData("NatGateway-Hours", "NatGateway-Hours")]
    public void Usage_types_are_matched_without_their_region_prefix(string usageType, string bare) =>
        PriceListKeyMap.WithoutRegionPrefix(usageType).ShouldBe(bare);

    [Fact]
    public void A_csv_offer_file_with_metadata_rows_and_display_name_headers_imports()
    {
        using var book = new TestBook();
        book.Import("ecs-us-east-1.csv").Exit.ShouldBe(0);
        var vcpu = book.Query("TESTFARGATEVCPU1").Single();
        (vcpu.OfferCode, vcpu.Version, vcpu.Region, vcpu.Unit, vcpu.Amount, vcpu.EndRange).ShouldBe(("AmazonECS", "20261012080000", "us-east-1", "hours", "0.0404800000", null));
        PriceBookQueries.Query(book.Path, new PriceQuery([], [], null, null, null, [new("cpuArchitecture", "x86_64")], 10)).Count.ShouldBe(2);
        SqlitePriceBook.Open(book.Path).Find("ecs/fargate/gb-hour", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.004445m);
    }

    [Fact]
    public void Reserved_rows_of_a_csv_offer_keep_their_term_and_the_upfront_fee_has_no_range()
    {
        using var book = new TestBook();
        book.Import("ec2-eu-west-1.csv", "--terms", "all").Exit.ShouldBe(0);
        var rows = book.Query("TESTEUM5LARGE001");
        var fee = rows.Single(r => r.Unit == "Quantity");
        (fee.TermType, fee.LeaseContractLength, fee.PurchaseOption, fee.OfferingClass, fee.Amount, fee.BeginRange, fee.EndRange).ShouldBe(("Reserved", "1yr", "All Upfront", "standard", "572", "", null));
        var prices = SqlitePriceBook.Open(book.Path);
        prices.Find("ec2/instance/m5.large", "eu-west-1")!.FirstPaidUnitPrice.ShouldBe(0.107m);
    }

    [Theory]
    [InlineData("Instance Type", "instanceType")]
    [InlineData("Pre Installed S/W", "preInstalledSw")]
    [InlineData("Region Code", "regionCode")]
    [InlineData("Capacity Status", "capacitystatus")]
    [InlineData("usageType", "usagetype")]
    public void Csv_display_names_map_to_the_json_attribute_keys(string header, string key) =>
        OfferCsvReader.AttributeKey(header).ShouldBe(key);

    [Fact]
    public void Savings_plans_rates_are_kept_against_the_sku_they_discount()
    {
        using var book = new TestBook();
        book.Import("savingsplan-us-east-1.json", "savingsplan-us-east-1.csv", "--terms", "SavingsPlan").Exit.ShouldBe(0);
        var rates = PriceBookQueries.Query(book.Path, new PriceQuery([], [], null, "TESTM5LARGELNX01", "SavingsPlan", [], 10));
        rates.Select(r => (r.DiscountedSku, r.LeaseContractLength, r.Amount, r.Unit)).Order().ShouldBe([("TESTM5LARGELNX01", "1yr", "0.0670", "Hrs"), ("TESTM5LARGELNX01", "3yr", "0.0600", "Hrs")]);
        rates.Single(r => r.LeaseContractLength == "3yr").PurchaseOption.ShouldBe("All Upfront");
    }

    [Fact]
    public void A_mirror_is_followed_through_its_offer_and_region_indexes_within_the_filter()
    {
        using var book = new TestBook();
        var (exit, output, _) = book.Import("mirror", "--regions", "us-east-1");
        exit.ShouldBe(0);
        output.ShouldContain("imported AmazonEKS 20261101000000 us-east-1");
        PriceBookQueries.Info(book.Path).Select(f => f.Region).ShouldBe(["us-east-1"]);

        book.Import("mirror", "--regions", "us-east-1").Out.ShouldContain("skipped  AmazonEKS 20261101000000 us-east-1");
    }

    [Fact]
    public void A_region_index_alone_leads_to_its_region_files()
    {
        using var book = new TestBook();
        book.Import("mirror/offers/v1.0/aws/AmazonEKS/current/region_index.json").Exit.ShouldBe(0);
        SqlitePriceBook.Open(book.Path).Find("eks/cluster/standard", "eu-west-1")!.FirstPaidUnitPrice.ShouldBe(0.1m);
    }

    [Fact]
    public void A_version_index_leads_to_its_current_version_whatever_the_order_of_versions()
    {
        using var book = new TestBook();
        book.Import("mirror/offers/v1.0/aws/AmazonEKS/index.json").Out.ShouldContain("imported AmazonEKS 20261101000000 us-east-1");
        book.Query("TESTEKSCLUSTER01").Single().Amount.ShouldBe("0.1100000000");
    }

    [Fact]
    public void Savings_plans_are_followed_through_their_array_shaped_region_index()
    {
        using var book = new TestBook();
        var (exit, output, err) = book.Import("mirror", "--regions", "us-east-1", "--terms", "OnDemand,SavingsPlan");
        exit.ShouldBe(0, err);
        output.ShouldContain("imported AWSComputeSavingsPlan 20261010000000 us-east-1");
        PriceBookQueries.Query(book.Path, new PriceQuery([], [], null, "TESTT3AXLLNX0001", "SavingsPlan", [], 10)).Single().Amount.ShouldBe("0.1070");
        book.Import("mirror", "--regions", "us-east-1", "--terms", "OnDemand,SavingsPlan").Out.ShouldContain("skipped  AWSComputeSavingsPlan 20261010000000 us-east-1");
    }

    [Fact]
    public void Importing_a_newer_version_replaces_the_prices_of_the_same_skus()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        book.Import("mirror/offers/v1.0/aws/AmazonEKS/20261101000000/us-east-1/index.json").Exit.ShouldBe(0);
        book.Query("TESTEKSCLUSTER01").Single().Amount.ShouldBe("0.1100000000");
        PriceBookQueries.Info(book.Path).Select(f => f.Version).ShouldBe(["20261101000000"]);
    }
}

/// <summary>Filtered-out terms are skipped without tokenizing; brackets and quotes inside their strings must not fool the skip.</summary>
public sealed class SkippingTests
{
    private const string Offer = """
        {"formatVersion":"v1.0","offerCode":"AmazonEKS","version":"20261001000000","publicationDate":"2026-10-01T00:00:00Z",
         "terms":{
          "Reserved":{"SKU1":{"SKU1.R":{"offerTermCode":"R","sku":"SKU1","priceDimensions":{"SKU1.R.X":{"description":"tricky } ] { [ \" \\ \\\" }}","unit":"Hrs","pricePerUnit":{"USD":"1"},"appliesTo":["a]","b}"]}},
             "termAttributes":{"LeaseContractLength":"1yr","OfferingClass":"standard","PurchaseOption":"No Upfront"}}}},
          "OnDemand":{"SKU1":{"SKU1.JRTCKXETXF":{"offerTermCode":"JRTCKXETXF","sku":"SKU1","effectiveDate":"2026-10-01T00:00:00Z","priceDimensions":{
             "SKU1.JRTCKXETXF.6YS6EN2CT7":{"rateCode":"SKU1.JRTCKXETXF.6YS6EN2CT7","description":"$0.10 per hour","beginRange":"0","endRange":"Inf","unit":"Hrs","pricePerUnit":{"USD":"0.1000000000"},"appliesTo":[]}},"termAttributes":{}}}}},
         "products":{"SKU1":{"sku":"SKU1","productFamily":"Compute","attributes":{"regionCode":"us-east-1","usagetype":"USE1-AmazonEKS-Hours:perCluster","note":"quote \" and brace }"}}}}
        """;

    [Fact]
    public void Brackets_and_quotes_inside_skipped_terms_do_not_derail_the_reader()
    {
        using var book = new TestBook();
        var file = book.Write("tricky.json", Offer);
        book.Run("pricebook", "import", file).Exit.ShouldBe(0);
        book.Query("SKU1").Select(p => (p.TermType, p.Amount)).ShouldBe([("OnDemand", "0.1000000000")]);
        PriceBookQueries.Query(book.Path, new PriceQuery([], [], null, null, null, [new("note", "quote \" and brace }")], 10)).Count.ShouldBe(1);

        using var all = new TestBook();
        all.Run("pricebook", "import", all.Write("tricky.json", Offer), "--terms", "all").Exit.ShouldBe(0);
        all.Query("SKU1", "Reserved").Single().Description.ShouldBe("tricky } ] { [ \" \\ \\\" }}");
    }

    [Fact]
    public void A_file_cut_inside_skipped_terms_is_reported_as_truncated()
    {
        using var book = new TestBook();
        var file = book.Write("cut.json", Offer[..Offer.IndexOf("termAttributes", StringComparison.Ordinal)]);
        var (exit, _, err) = book.Run("pricebook", "import", file);
        exit.ShouldBe(2);
        err.ShouldContain("cut.json (byte ");
        err.ShouldContain("the file ends inside an object or array");
    }
}
