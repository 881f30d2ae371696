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
        return new CliConsole(Console.In, Console.Out, Console.Error, terminal, terminal && !noColor, Directory.GetCurrentDirectory())
        {
            ErrorIsTerminal = !Console.IsErrorRedirected,
        };
    }

    /// <summary>A console whose output is captured, for tests.</summary>
    public static CliConsole Captured(string workingDirectory, string input = "") =>
        new(new StringReader(input), new StringWriter(), new StringWriter(), false, false, workingDirectory);

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
