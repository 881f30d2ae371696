namespace Stackplan.Cli;

/// <summary>
/// The console streams a command uses, as one object, so tests run commands in-process and read
/// what they wrote (as bicep's IOContext does). Colour follows NO_COLOR and whether stdout is a terminal.
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool IsTerminal, bool Color, string WorkingDirectory)
{
    public static CliConsole System()
    {
        var terminal = !Console.IsOutputRedirected;
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new CliConsole(Console.In, Console.Out, Console.Error, terminal, terminal && !noColor, Directory.GetCurrentDirectory())
        {
            OpenStandardInput = Console.OpenStandardInput,
        };
    }

    /// <summary>A console whose output is captured, for tests.</summary>
    public static CliConsole Captured(string workingDirectory, string input = "") =>
        Captured(workingDirectory, global::System.Text.Encoding.UTF8.GetBytes(input));

    /// <summary>A console whose standard input is these bytes (which need not be valid UTF-8) and whose output is captured.</summary>
    public static CliConsole Captured(string workingDirectory, byte[] input) =>
        new(new StringReader(global::System.Text.Encoding.UTF8.GetString(input)), new StringWriter(), new StringWriter(), false, false, workingDirectory)
        {
            OpenStandardInput = () => new MemoryStream(input, writable: false),
        };

    /// <summary>Standard input as bytes, so its size can be bounded and its encoding checked before it is decoded.</summary>
    public Func<Stream>? OpenStandardInput { get; init; }

    /// <summary>The full paths of the files this run reads (spec, catalogs, price books), which -o refuses to overwrite.</summary>
    public HashSet<string> InputPaths { get; } = new(StringComparer.Ordinal);

    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
