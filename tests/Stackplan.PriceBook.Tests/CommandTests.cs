using System.Net;
using System.Net.Sockets;

namespace Stackplan.PriceBook.Tests;

/// <summary>The pricebook verbs and --pricebook on the estimating commands, through the real CLI.</summary>
public sealed class CommandTests
{
    private const string Spec = "examples/nist-observability/platform.yaml";

    [Fact]
    public void An_estimate_with_an_imported_book_uses_its_prices_and_names_the_book_and_version()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json", "ec2-us-east-1.json", "cloudwatch-us-east-1.json").Exit.ShouldBe(0);
        var (exit, csv, _) = book.Run("estimate", Spec, "-f", "csv");
        exit.ShouldBe(0);
        var eks = csv.Split('\n').First(l => l.Contains("eks/cluster/standard", StringComparison.Ordinal));
        eks.ShouldContain("aws-price-list AmazonEKS 20261001000000");
        eks.ShouldContain("SKU TESTEKSCLUSTER01");
        eks.ShouldContain("2026-10-01");
    }

    [Fact]
    public void Explain_accepts_the_book_too()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        var (exit, output, _) = book.Run("explain", Spec, "eks-control-plane/eks-control-plane-standard-support", "--env", "prod", "--option", "self-managed");
        exit.ShouldBe(0);
        output.ShouldContain("aws-price-list AmazonEKS 20261001000000");
    }

    [Fact]
    public void Query_prints_the_exact_amounts_as_json()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        var (exit, json, _) = book.Run("pricebook", "query", "--services", "AmazonEKS", "-a", "usagetype=USE1-AmazonEKS-Hours:perCluster", "-f", "json");
        exit.ShouldBe(0);
        json.ShouldContain("\"amount\": \"0.1000000000\"");
        json.ShouldNotContain("extendedSupport");
    }

    [Fact]
    public void Info_lists_offers_versions_dates_and_counts()
    {
        using var book = new TestBook();
        book.Import("xray-us-east-1.json").Exit.ShouldBe(0);
        var (exit, output, _) = book.Run("pricebook", "info");
        exit.ShouldBe(0);
        output.ShouldContain("AWSXRay");
        output.ShouldContain("20261001000000");
        output.ShouldContain("2026-10-01T00:00:00Z");
        output.ShouldContain("3 products, 4 prices");
    }

    [Fact]
    public void Info_shows_what_the_embedded_and_imported_books_cover_by_provider_and_region()
    {
        using var book = new TestBook();
        book.Import("xray-us-east-1.json").Exit.ShouldBe(0);

        var (exit, output, _) = book.Run("pricebook", "info", "-f", "csv");

        exit.ShouldBe(0);
        output.ShouldContain("stackplan-world,aws,eu-west-1,");
        output.ShouldContain("stackplan-curated,aws,us-east-1,");
        output.ShouldContain("aws-price-list AWSXRay 20261001000000,aws,us-east-1,");
        book.Run("pricebook", "info", "--files").Out.ShouldContain("AWSXRay");
    }

    [Fact]
    public void Diff_shows_prices_added_removed_and_changed_between_two_books()
    {
        using var before = new TestBook();
        using var after = new TestBook();
        before.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        after.Import("mirror").Exit.ShouldBe(0);
        var (exit, output, _) = before.Run("pricebook", "diff", before.Path, after.Path, "-f", "csv");
        exit.ShouldBe(0);
        output.ShouldContain("changed,AmazonEKS,TESTEKSCLUSTER01,TESTEKSCLUSTER01.JRTCKXETXF.6YS6EN2CT7,USD,us-east-1,Hrs,0.1000000000,0.1100000000");
        output.ShouldContain("added,AmazonEKS,TESTEKSCLUSTEREU");
        output.ShouldNotContain("TESTEKSEXTENDED1");
    }

    [Fact]
    public void Update_fetches_the_indexes_and_region_files_over_http_and_skips_versions_it_has()
    {
        using var server = new FixtureServer(TestBook.Fixture("mirror"));
        using var book = new TestBook();
        var (exit, output, err) = book.Run("pricebook", "update", "--services", "AmazonEKS", "--regions", "us-east-1,eu-west-1", "--base-url", server.BaseUrl);
        exit.ShouldBe(0, err);
        output.ShouldContain("imported AmazonEKS 20261101000000 eu-west-1");
        output.ShouldContain("imported AmazonEKS 20261101000000 us-east-1");
        server.Requests.ShouldContain("/offers/v1.0/aws/index.json");
        server.Requests.ShouldContain("/offers/v1.0/aws/AmazonEKS/current/region_index.json");
        SqlitePriceBook.Open(book.Path).Find("eks/cluster/standard", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.11m);

        server.Requests.Clear();
        var again = book.Run("pricebook", "update", "--services", "AmazonEKS", "--regions", "us-east-1", "--base-url", server.BaseUrl);
        again.Out.ShouldContain("skipped  AmazonEKS 20261101000000 us-east-1");
        server.Requests.ShouldNotContain("/offers/v1.0/aws/AmazonEKS/20261101000000/us-east-1/index.json");
    }

    [Fact]
    public void An_unreachable_endpoint_is_bad_input_and_leaves_the_book_alone()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        var (exit, _, err) = book.Run("pricebook", "update", "--base-url", "http://127.0.0.1:1");
        exit.ShouldBe(2);
        err.ShouldContain("error SP7004: cannot connect to 127.0.0.1");
        book.Query("TESTEKSCLUSTER01").Single().Amount.ShouldBe("0.1000000000");
    }

    [Fact]
    public void A_server_that_stalls_is_given_up_after_the_read_timeout_retried_and_leaves_nothing_behind()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        var server = Task.Run(async () =>
        {
            var open = new List<System.Net.Sockets.TcpClient>();
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref connections);
                    open.Add(client);
                    var stream = client.GetStream();
                    var headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"offers\": {"u8.ToArray();
                    await stream.WriteAsync(headers); // then nothing: a stalled server
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                open.ForEach(c => c.Dispose());
            }
        });
        var before = Stackplan.PriceBook.PriceListUpdater.ReadTimeout;
        Stackplan.PriceBook.PriceListUpdater.ReadTimeout = TimeSpan.FromSeconds(1);
        try
        {
            var (exit, _, err) = book.Run("pricebook", "update", "--base-url", $"http://127.0.0.1:{port}");
            exit.ShouldBe(2);
            err.ShouldContain("error SP7004: the server sent nothing for 1 s");
            connections.ShouldBe(Stackplan.PriceBook.PriceListUpdater.Attempts);
            Directory.GetFiles(book.Folder, "*.tmp").ShouldBeEmpty();
            book.Query("TESTEKSCLUSTER01").Single().Amount.ShouldBe("0.1000000000");
        }
        finally
        {
            Stackplan.PriceBook.PriceListUpdater.ReadTimeout = before;
            listener.Stop();
        }
    }

    [Fact]
    public void Import_refuses_an_sqlite_database_that_is_not_a_book_and_leaves_it_untouched()
    {
        using var book = new TestBook();
        using (var foreign = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={book.Path};Pooling=False"))
        {
            foreign.Open();
            using var create = foreign.CreateCommand();
            create.CommandText = "CREATE TABLE users(id INTEGER)";
            create.ExecuteNonQuery();
        }

        var bytes = File.ReadAllBytes(book.Path);
        var (exit, _, err) = book.Import("eks-us-east-1.json");
        exit.ShouldBe(2);
        err.ShouldContain("error SP7002: an SQLite database that is not a Stackplan price book (its tables: users)");
        File.ReadAllBytes(book.Path).ShouldBe(bytes);
    }

    [Fact]
    public void A_finished_book_is_one_file_and_reading_it_leaves_no_side_files()
    {
        using var book = new TestBook();
        book.Import("eks-us-east-1.json").Exit.ShouldBe(0);
        book.Run("pricebook", "info").Exit.ShouldBe(0);
        book.Query("TESTEKSCLUSTER01").ShouldNotBeEmpty();
        Directory.GetFiles(book.Folder).Select(System.IO.Path.GetFileName).ShouldBe(["pricebook.db"]);
    }

    /// <summary>A static file server on 127.0.0.1 for the mirror fixture: the real HTTP code path, no network.</summary>
    private sealed class FixtureServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _root;

        public FixtureServer(string root)
        {
            _root = root;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUrl = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(BaseUrl + "/");
            _listener.Start();
            _ = Task.Run(Serve);
        }

        public string BaseUrl { get; }

        public System.Collections.Concurrent.ConcurrentBag<string> Requests { get; } = [];

        public void Dispose() => _listener.Close();

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var path = context.Request.Url!.AbsolutePath;
                Requests.Add(path);
                var file = Path.Combine(_root, path.TrimStart('/'));
                if (File.Exists(file))
                {
                    var bytes = await File.ReadAllBytesAsync(file);
                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        }
    }
}

/// <summary>A missing book is bad input, not a crash.</summary>
public sealed class MissingBookTests
{
    [Fact]
    public void An_estimate_naming_a_book_that_does_not_exist_says_how_to_make_one()
    {
        using var book = new TestBook();
        var (exit, _, err) = book.Run("estimate", "examples/nist-observability/platform.yaml");
        exit.ShouldBe(2);
        err.ShouldContain("no price book here");
        err.ShouldContain("stackplan pricebook import");
    }
}
