namespace Stackplan.PriceBook.Tests;

/// <summary>
/// An imported book is read lazily (each price looked up in SQL when first asked for): every
/// lookup must give what reading the whole book gives, region-less and commitment prices included.
/// </summary>
public sealed class LazyReadTests
{
    [Fact]
    public void Every_price_looked_up_alone_is_the_one_the_whole_book_lists()
    {
        using var book = new TestBook();
        book.Import("cloudwatch-us-east-1.json", "xray-us-east-1.json", "ec2-us-east-1.json", "ec2-reserved-us-east-1.json", "ec2-eu-west-1.csv", "eks-us-east-1.json", "ecs-us-east-1.csv", "savingsplan-us-east-1.json", "--terms", "all").Exit.ShouldBe(0);
        var whole = SqlitePriceBook.Open(book.Path);
        var listed = whole.Entries.ToList();
        listed.Select(e => e.Key).ShouldContain("ec2/instance/m5.large/reserved-1y-standard-no-upfront");

        foreach (var entry in listed)
        {
            // A fresh book for each, so nothing read for one price helps another.
            var fresh = SqlitePriceBook.Open(book.Path);
            var region = entry.Region == "any" ? "us-east-1" : entry.Region;
            Describe(fresh.Find(entry.Key, region)).ShouldBe(Describe(entry), $"{entry.Key} in {region}");
            fresh.RegionsWith(entry.Key).ShouldBe(listed.Where(e => e.Key == entry.Key).Select(e => e.Region).Order(StringComparer.Ordinal), ignoreOrder: true);
        }
    }

    // PriceEntry's Tiers is an ImmutableArray, which compares by reference: compare what a bill shows.
    private static string Describe(Core.Pricing.PriceEntry? e) =>
        e is null ? "(missing)" : $"{e.Key} | {e.Region} | {e.Unit} | {string.Join("; ", e.Tiers)} | {e.Description} | {e.Source} | {e.AsOf} | {e.Book} | {e.RateCode}";

    [Fact]
    public void A_key_no_rule_prices_and_a_region_the_book_lacks_are_missing()
    {
        using var book = new TestBook();
        book.Import("ec2-us-east-1.json").Exit.ShouldBe(0);
        var prices = SqlitePriceBook.Open(book.Path);

        prices.Find("ec2/instance/m5.large", "us-east-1").ShouldNotBeNull();
        prices.Find("ec2/instance/m5.large", "eu-north-1").ShouldBeNull();
        prices.Find("ec2/instance/m5.large/reserved-1y-standard-no-upfront", "us-east-1").ShouldBeNull();
        prices.Find("no/such/key", "us-east-1").ShouldBeNull();
    }
}
