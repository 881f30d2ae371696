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
        return new CliConsole(Console.In, Console.Out, Console.Error, terminal, terminal && !noColor, Directory.GetCurrentDirectory());
    }

    /// <summary>A console whose output is captured, for tests.</summary>
    public static CliConsole Captured(string workingDirectory, string input = "") =>
        new(new StringReader(input), new StringWriter(), new StringWriter(), false, false, workingDirectory);

    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
