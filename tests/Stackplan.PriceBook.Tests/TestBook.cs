using Stackplan.Cli;

namespace Stackplan.PriceBook.Tests;

/// <summary>A price book in a fresh temporary folder, and the CLI run in-process against it.</summary>
internal sealed class TestBook : IDisposable
{
    public TestBook()
    {
        Folder = Directory.CreateTempSubdirectory("stackplan-pricebook-").FullName;
        Path = System.IO.Path.Combine(Folder, "pricebook.db");
    }

    public string Folder { get; }

    public string Path { get; }

    public static string Root { get; } = FindRoot();

    public static string Fixture(string name) => System.IO.Path.Combine(Root, "tests", "Stackplan.PriceBook.Tests", "Fixtures", name);

    /// <summary>Runs `stackplan ARGS --pricebook THIS` from the repository root.</summary>
    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        var console = CliConsole.Captured(Root);
        var exit = Program.Run([.. args, "--pricebook", Path], console);
        var err = console.Error.ToString()!;
        err.ShouldNotContain("   at ");
        Stackplan.Testing.FrameworkText.ResourceKeys(err).ShouldBeEmpty($"framework resource keys in: {err}");
        return (exit, console.Out.ToString()!, err);
    }

    public (int Exit, string Out, string Err) Import(params string[] fixturesThenOptions) =>
        Run(["pricebook", "import", .. fixturesThenOptions.Select(a => File.Exists(Fixture(a)) || Directory.Exists(Fixture(a)) ? Fixture(a) : a)]);

    public string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public IReadOnlyList<StoredPrice> Query(string? sku = null, string? term = null, params string[] services) =>
        PriceBookQueries.Query(Path, new PriceQuery([.. services], [], null, sku, term, [], 1000));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed by a test may still hold the file for a moment; the temp folder is left.
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Stackplan.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("no repository root");
    }
}
