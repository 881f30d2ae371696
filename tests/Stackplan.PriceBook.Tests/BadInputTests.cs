using System.Diagnostics;
using Stackplan.OfferGen;
using Stackplan.Core.Model;

namespace Stackplan.PriceBook.Tests;

/// <summary>
/// DESIGN.md section 7: bad offer files get a message naming the file and position and exit code 2,
/// and the book already on disk is never damaged: an import is all or nothing.
/// </summary>
public sealed class BadInputTests
{
    private static (int Exit, string Err) ImportOver(TestBook book, string name, string content, params string[] options)
    {
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        var file = book.Write(name, content);
        var (exit, _, err) = book.Run(["pricebook", "import", book.Path.Replace("pricebook.db", name, StringComparison.Ordinal), .. options]);
        exit.ShouldBe(2);
        err.ShouldContain(file);
        BookIsIntact(book);
        return (exit, err);
    }

    private static void BookIsIntact(TestBook book)
    {
        book.Query("TESTEKSCLUSTER01").Single().Amount.ShouldBe("0.1000000000");
        PriceBookQueries.Info(book.Path).Select(f => f.OfferCode).ShouldBe(["AmazonEKS"]);
    }

    private static string Eks => File.ReadAllText(TestBook.Fixture("eks-us-east-1.json"));

    [Fact]
    public void Truncated_json_is_reported_with_its_position()
    {
        using var book = new TestBook();
        var text = File.ReadAllText(TestBook.Fixture("xray-us-east-1.json"));
        var (_, err) = ImportOver(book, "truncated.json", text[..(text.Length * 2 / 3)]);
        err.ShouldContain("malformed JSON");
        err.ShouldContain("truncated");
        err.ShouldMatch(@"truncated\.json:\d+:\d+");
    }

    [Fact]
    public void A_json_file_that_is_not_an_offer_is_refused()
    {
        using var book = new TestBook();
        ImportOver(book, "settings.json", """{"name": "not prices", "items": [1, 2, 3]}""").Err.ShouldContain("not an AWS Price List offer file");
    }

    [Fact]
    public void A_csv_file_that_is_not_an_offer_is_refused()
    {
        using var book = new TestBook();
        ImportOver(book, "people.csv", "name,age\nada,36\n").Err.ShouldContain("not an AWS Price List offer file");
    }

    [Fact]
    public void An_offer_outside_the_services_to_import_is_named_with_the_fix()
    {
        using var book = new TestBook();
        var (_, err) = ImportOver(book, "foo.json", Eks.Replace("\"offerCode\": \"AmazonEKS\"", "\"offerCode\": \"AmazonFooBar\"", StringComparison.Ordinal));
        err.ShouldContain("offer 'AmazonFooBar' is not one of the services to import");
        err.ShouldContain("--services AmazonFooBar");
    }

    [Fact]
    public void Duplicate_skus_are_refused()
    {
        using var book = new TestBook();
        var products = Eks.IndexOf("\"TESTEKSCLUSTER01\": {", StringComparison.Ordinal);
        var end = Eks.IndexOf("\"TESTEKSEXTENDED1\": {", StringComparison.Ordinal);
        var duplicated = Eks.Insert(end, Eks[products..end]);
        ImportOver(book, "duplicate.json", duplicated.Replace("0.1000000000", "0.2000000000", StringComparison.Ordinal)).Err.ShouldContain("SKU TESTEKSCLUSTER01 is listed twice");
    }

    [Fact]
    public void A_price_that_is_not_a_number_is_refused_with_its_sku_and_byte_position()
    {
        using var book = new TestBook();
        var (_, err) = ImportOver(book, "nan.json", Eks.Replace("\"USD\": \"0.1000000000\"", "\"USD\": \"ten cents\"", StringComparison.Ordinal));
        err.ShouldContain("price of SKU TESTEKSCLUSTER01");
        err.ShouldContain("'ten cents'");
        err.ShouldMatch(@"nan\.json \(byte \d+\)");
    }

    [Fact]
    public void A_bad_row_in_a_csv_offer_names_its_line()
    {
        using var book = new TestBook();
        var csv = File.ReadAllText(TestBook.Fixture("ecs-us-east-1.csv")).Replace("\"0.0044450000\"", "\"n/a\"", StringComparison.Ordinal);
        ImportOver(book, "bad.csv", csv, "--services", "AmazonECS").Err.ShouldContain("bad.csv:8:1: error SP7001: price of SKU TESTFARGATEMEM01");
    }

    [Fact]
    public void One_bad_file_among_several_imports_none_of_them()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        var bad = book.Write("bad.json", "{\"offerCode\": \"AWSXRay\", \"version\": \"1\", \"products\": {");
        book.Run("pricebook", "import", TestBook.Fixture("xray-us-east-1.json"), bad).Exit.ShouldBe(2);
        BookIsIntact(book);
    }

    [Fact]
    public void A_full_disk_is_reported_and_the_previous_book_stays()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        var big = Path.Combine(book.Folder, "big.json");
        using (var file = File.Create(big))
        {
            SyntheticOffer.Write(file, 2_000_000);
        }

        var pages = long.Parse(PriceBookDatabaseProbe.PageCount(book.Path), System.Globalization.CultureInfo.InvariantCulture) + 20;
        var failure = Should.Throw<InputException>(() =>
        {
            using var importer = new PriceListImporter(book.Path, ImportFilter.Default with { TermTypes = [.. ImportFilter.AllTermTypes] }, maxPages: pages);
            importer.ImportFile(big);
            importer.Commit();
        });
        failure.Message.ShouldContain("full");
        failure.Message.ShouldContain("big.json");
        BookIsIntact(book);
    }

    [Fact]
    public void A_killed_import_leaves_the_previous_book_whole_and_usable()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        var big = Path.Combine(book.Folder, "big.json");
        using (var file = File.Create(big))
        {
            SyntheticOffer.Write(file, 120_000_000);
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { StackplanDll(), "pricebook", "import", big, "--terms", "all", "--pricebook", book.Path })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        child.StandardError.ReadLine().ShouldNotBeNull().ShouldStartWith("reading "); // the import has begun
        Thread.Sleep(300);
        child.HasExited.ShouldBeFalse("the import finished before it could be interrupted; make the file bigger");
        child.Kill(entireProcessTree: true);
        child.WaitForExit();

        BookIsIntact(book);
        SqlitePriceBook.Open(book.Path).Find("eks/cluster/standard", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.1m);
        book.Import("xray-us-east-1.json").Exit.ShouldBe(0); // and it still takes imports
    }

    private static string StackplanDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "stackplan.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("stackplan.dll is not beside the tests", beside);
    }
}

/// <summary>Reads how many pages a book has, to set a size limit just above it.</summary>
internal static class PriceBookDatabaseProbe
{
    public static string PageCount(string path)
    {
        using var connection = PriceBookDatabase.Open(path, forWriting: false);
        return PriceBookDatabase.Scalar(connection, "PRAGMA page_count")!;
    }
}
