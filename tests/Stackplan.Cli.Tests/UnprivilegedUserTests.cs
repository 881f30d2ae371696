namespace Stackplan.Cli.Tests;

/// <summary>
/// Permission cases a root user cannot see (root reads and writes everything): the published binary
/// run as 'nobody' through runuser, as CI (root) can. A shared price book in a read-only folder is
/// read without writing anything (handed case reliability-13); an import or a spec the user may not
/// touch is named "permission denied" (reliability-25 row 6), never a SQLite error number.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnprivilegedUserTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stackplan-nobody-").FullName;

    public UnprivilegedUserTests()
    {
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
    }

    public void Dispose()
    {
        foreach (var dir in Directory.GetDirectories(_folder, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        Directory.Delete(_folder, recursive: true);
    }

    [AsUnprivilegedUserFact]
    public void A_book_in_a_read_only_folder_is_read_without_side_files()
    {
        var books = Directory.CreateDirectory(Path.Combine(_folder, "robook")).FullName;
        var book = Path.Combine(books, "b.db");
        CliRunner.Run("pricebook", "import", Fixture("xray-us-east-1.json"), "--pricebook", book).Exit.ShouldBe(0);
        var spec = Copy(Path.Combine(CliRunner.Root, "examples", "nist-observability", "platform.yaml"), "platform.yaml");
        File.SetUnixFileMode(book, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(books, (UnixFileMode)0b101_101_101);

        var info = AsNobody("pricebook", "info", "--pricebook", book);
        info.Exit.ShouldBe(0, info.Err);
        info.Out.ShouldContain("1 offer file(s)");
        var query = AsNobody("pricebook", "query", "--pricebook", book, "--format", "json");
        query.Exit.ShouldBe(0, query.Err);
        query.Out.ShouldContain("AWSXRay");
        var estimate = AsNobody("estimate", spec, "--pricebook", book);
        estimate.Exit.ShouldBe(0, estimate.Err);

        Directory.GetFiles(books).Select(Path.GetFileName).ShouldBe(["b.db"]);
    }

    [AsUnprivilegedUserFact]
    public void An_import_into_a_read_only_folder_says_permission_denied()
    {
        var readOnly = Directory.CreateDirectory(Path.Combine(_folder, "rodir")).FullName;
        File.SetUnixFileMode(readOnly, (UnixFileMode)0b101_101_101);
        var offer = Copy(Fixture("xray-us-east-1.json"), "offer.json");

        var (exit, _, err) = AsNobody("pricebook", "import", offer, "--pricebook", Path.Combine(readOnly, "b.db"));

        exit.ShouldBe(2);
        err.ShouldContain("error SP7002: cannot create or open the price book: permission denied");
        err.ShouldNotContain("SQLite Error");
        Directory.GetFiles(readOnly).ShouldBeEmpty();
    }

    [AsUnprivilegedUserFact]
    public void A_spec_the_user_may_not_read_says_permission_denied()
    {
        var spec = Copy(Path.Combine(CliRunner.Root, "examples", "nist-observability", "platform.yaml"), "secret.yaml");
        File.SetUnixFileMode(spec, (UnixFileMode)0b110_000_000);

        var (exit, _, err) = AsNobody("compare", spec);

        exit.ShouldBe(2);
        err.ShouldContain("permission denied");
        err.ShouldNotContain("   at ");
    }

    [AsUnprivilegedUserFact]
    public void A_spec_in_a_folder_the_user_may_not_search_says_permission_denied_not_missing()
    {
        var closed = Directory.CreateDirectory(Path.Combine(_folder, "closed")).FullName;
        File.Copy(Path.Combine(CliRunner.Root, "examples", "nist-observability", "platform.yaml"), Path.Combine(closed, "platform.yaml"));
        File.SetUnixFileMode(closed, (UnixFileMode)0b111_000_000);

        var (exit, _, err) = AsNobody("compare", Path.Combine(closed, "platform.yaml"));

        exit.ShouldBe(2);
        err.ShouldContain("permission denied: this user cannot look inside");
    }

    [AsUnprivilegedUserFact]
    public void A_home_folder_that_cannot_be_written_does_not_stop_a_compare()
    {
        var spec = Copy(Path.Combine(CliRunner.Root, "examples", "nist-observability", "platform.yaml"), "platform.yaml");

        var (exit, output, err) = AsNobody("compare", spec);

        exit.ShouldBe(0, err);
        output.ShouldContain("monthly (expected)");
    }

    private static string Fixture(string name) => Path.Combine(CliRunner.Root, "tests", "Stackplan.PriceBook.Tests", "Fixtures", name);

    private string Copy(string from, string name)
    {
        var to = Path.Combine(_folder, name);
        File.Copy(from, to);
        File.SetUnixFileMode(to, (UnixFileMode)0b110_100_100);
        return to;
    }

    /// <summary>
    /// The published binary, copied with its native libraries into the test's folder (the clone may
    /// sit where 'nobody' cannot reach), run as nobody with a HOME it cannot write.
    /// </summary>
    private (int Exit, string Out, string Err) AsNobody(params string[] args)
    {
        var binary = Path.Combine(_folder, "bin", "stackplan");
        if (!File.Exists(binary))
        {
            var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
            var published = Path.GetDirectoryName(PublishedBinary.Path)!;
            foreach (var file in Directory.GetFiles(published).Where(f => Path.GetFileName(f) == "stackplan" || f.EndsWith(".so", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(bin, Path.GetFileName(file)));
            }
        }

        return ExternalProcess.Run("runuser", _folder, "", ["-u", "nobody", "--", "env", "HOME=/nonexistent", binary, .. args]);
    }
}

/// <summary>Needs the published binary, root (to switch user) and runuser; skipped, with the reason, otherwise. CI has all three.</summary>
public sealed class AsUnprivilegedUserFactAttribute : FactAttribute
{
    public AsUnprivilegedUserFactAttribute()
    {
        if (PublishedBinary.Path is null)
        {
            Skip = PublishedBinary.SkipReason;
        }
        else if (Environment.UserName != "root" || ExternalProcess.FindOnPath("runuser") is null)
        {
            Skip = "running as another user needs root and runuser (CI runs as root)";
        }
    }
}
