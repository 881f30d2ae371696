using System.Net;
using System.Net.Sockets;

namespace Stackplan.PriceBook.Tests;

/// <summary>
/// Handed case reliability-25: each refused price file names its real cause in words (an empty
/// file, a gzip file, JSON after the end of the document, a server that hangs up early), never a
/// framework resource key (TestBook.Run fails on any).
/// </summary>
public sealed class MessageTests
{
    private static string ImportRefused(TestBook book, string name, byte[] content)
    {
        var path = System.IO.Path.Combine(book.Folder, name);
        File.WriteAllBytes(path, content);
        var (exit, _, err) = book.Run("pricebook", "import", path);
        exit.ShouldBe(2);
        return err;
    }

    [Fact]
    public void An_empty_offer_file_is_called_empty()
    {
        using var book = new TestBook();
        ImportRefused(book, "empty.json", []).ShouldContain("empty.json: error SP7001: the file is empty");
    }

    [Fact]
    public void A_gzip_offer_file_is_called_gzip_compressed()
    {
        using var book = new TestBook();
        var gzip = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(File.ReadAllBytes(TestBook.Fixture("eks-us-east-1.json")));
        }

        ImportRefused(book, "offer.json.gz", gzip.ToArray()).ShouldContain("offer.json.gz: error SP7001: the file is gzip-compressed");
    }

    [Fact]
    public void Json_after_the_end_of_the_document_is_named_at_its_column()
    {
        using var book = new TestBook();
        ImportRefused(book, "extra.json", "{\"a\": 1}}"u8.ToArray())
            .ShouldContain("extra.json:1:9: error SP7001: malformed JSON: unexpected '}' after the end of the document");
    }

    [Fact]
    public void A_truncated_offer_file_says_it_ends_early()
    {
        using var book = new TestBook();
        var text = File.ReadAllBytes(TestBook.Fixture("eks-us-east-1.json"));
        var cut = Array.IndexOf(text, (byte)'"', 200) + 3; // inside a string
        ImportRefused(book, "truncated.json", text[..cut]).ShouldMatch(@"truncated\.json:5:\d+: error SP7001: malformed JSON: .*(ends|not closed).*truncated");
    }

    [Fact]
    public void A_server_that_hangs_up_part_way_is_named_with_the_bytes_it_sent()
    {
        using var book = new TestBook();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    var stream = client.GetStream();
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4215\r\n\r\n"u8.ToArray());
                    await stream.WriteAsync(new byte[100].Select(_ => (byte)' ').ToArray());
                    await stream.FlushAsync();
                } // the connection closes after 100 of the 4,215 bytes it announced
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // the listener stopped
            }
        });
        try
        {
            var (exit, _, err) = book.Run("pricebook", "update", "--base-url", $"http://127.0.0.1:{port}", "--services", "AmazonEKS");
            exit.ShouldBe(2);
            err.ShouldContain("download interrupted: the server closed the connection after 100 of 4,215 bytes; the previous book is unchanged");
        }
        finally
        {
            listener.Stop();
        }
    }
}
