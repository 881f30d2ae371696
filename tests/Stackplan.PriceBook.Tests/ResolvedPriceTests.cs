using Microsoft.Data.Sqlite;

namespace Stackplan.PriceBook.Tests;

/// <summary>
/// An imported book stores the key each product prices (found by the key map as the product is
/// imported) and every key's resolved price: a re-import that changes a product must move its key,
/// and a book keyed by another schema or key map must be refused, never read as a wrong price.
/// </summary>
public sealed class ResolvedPriceTests
{
    [Fact]
    public void A_newer_file_that_makes_a_product_another_kind_takes_its_price_away_from_the_key_it_priced()
    {
        using var book = new TestBook();
        book.Import("ec2-us-east-1.json").Exit.ShouldBe(0);
        var before = SqlitePriceBook.Open(book.Path).Find("ec2/instance/m5.large", "us-east-1").ShouldNotBeNull();
        before.Source.ShouldContain("SKU TESTM5LARGELNX01");
        before.FirstPaidUnitPrice.ShouldBe(0.096m);

        // The same SKU in a newer version, now RHEL: it no longer fits the Linux rule of ec2/instance/{instanceType}.
        // The Windows SKU is renamed, so the older file keeps a product and stays in the book.
        var text = File.ReadAllText(TestBook.Fixture("ec2-us-east-1.json")).Replace("20261015120000", "20261115120000", StringComparison.Ordinal)
            .Replace("TESTM5LARGEWIN01", "TESTM5LARGEWIN99", StringComparison.Ordinal);
        var linux = text.IndexOf("\"operatingSystem\" : \"Linux\"", StringComparison.Ordinal);
        text.IndexOf("TESTM5LARGELNX01", StringComparison.Ordinal).ShouldBeLessThan(linux);
        text = text[..linux] + "\"operatingSystem\" : \"RHEL\"" + text[(linux + "\"operatingSystem\" : \"Linux\"".Length)..];
        var (exit, _, err) = book.Run("pricebook", "import", book.Write("ec2-newer.json", text));
        exit.ShouldBe(0, err);

        var after = SqlitePriceBook.Open(book.Path);
        after.Find("ec2/instance/m5.large", "us-east-1").ShouldBeNull("the only Linux m5.large SKU is RHEL now; its price must not stay under the Linux key");
        after.Entries.ShouldNotContain(e => e.Source.Contains("TESTM5LARGELNX01", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("schema_version", "1", "price book schema version 1 is not the one this Stackplan reads (2)")]
    [InlineData("key_map", "0123456789abcdef", "this book's prices were keyed by another version of the key map")]
    public void A_book_of_another_schema_or_key_map_is_refused_with_the_fix(string name, string value, string why)
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        using (var connection = new SqliteConnection($"Data Source={book.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_info SET value = $v WHERE name = $n";
            command.Parameters.AddWithValue("$v", value);
            command.Parameters.AddWithValue("$n", name);
            command.ExecuteNonQuery().ShouldBe(1);
        }

        var (exit, _, err) = book.Run("pricebook", "info");
        exit.ShouldBe(2);
        err.ShouldContain("error SP7002");
        err.ShouldContain(why);
        err.ShouldContain("import the offer files again into a new book");

        // An import into it is refused the same way, and leaves it as it was.
        var again = book.Import("eks-us-east-1.json");
        again.Exit.ShouldBe(2);
        again.Err.ShouldContain(why);
    }
}
