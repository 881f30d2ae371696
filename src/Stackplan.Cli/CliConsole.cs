using Spectre.Console;

namespace Stackplan.Cli;

/// <summary>
/// The console streams a command uses, as one object, so tests run commands in-process and read
/// what they wrote (as bicep's IOContext does). Colour follows NO_COLOR and whether stdout is a
/// terminal; <see cref="ErrorIsTerminal"/> says whether standard error is one (for progress bars).
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool IsTerminal, bool Color, string WorkingDirectory)
{
    public bool ErrorIsTerminal { get; init; }

    public static CliConsole System()
    {
        var terminal = !Console.IsOutputRedirected;
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new CliConsole(Console.In, terminal ? Console.Out : RedirectedOutput(), Console.Error, terminal, terminal && !noColor, Directory.GetCurrentDirectory())
        {
            OpenStandardInput = Console.OpenStandardInput,
            ErrorIsTerminal = !Console.IsErrorRedirected,
        };
    }

    /// <summary>
    /// Standard output to a file or pipe: still flushed after every write, as <see cref="Console.Out"/>
    /// is (so it interleaves with standard error as written), but through a 64 KB buffer where
    /// Console.Out's is 256 bytes: a JSON document went out in hundreds of system calls.
    /// </summary>
    private static TextWriter RedirectedOutput() =>
        TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), new global::System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = true });

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

    /// <summary>
    /// A Spectre.Console surface over <paramref name="output"/>: ANSI and colour only when
    /// <paramref name="color"/>, never interactive, 160 columns wide so tables do not depend on the terminal.
    /// </summary>
    public static IAnsiConsole Spectre(TextWriter output, bool color, bool interactive = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = color || interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = 160;
        }

        // Spectre guesses Unicode support from the writer's Encoding.EncodingName, which the shipped
        // builds (UseSystemResourceKeys) reduce to a resource key: it then guessed "no" and drew other
        // corners than the tests saw. Stackplan always writes UTF-8, so say so: the same bytes everywhere.
        console.Profile.Capabilities.Unicode = true;

        return console;
    }

    /// <summary>Standard error as a Spectre.Console surface: live progress on a terminal, colour unless NO_COLOR.</summary>
    public IAnsiConsole SpectreError() =>
        Spectre(Error, ErrorIsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")), interactive: ErrorIsTerminal);
}
