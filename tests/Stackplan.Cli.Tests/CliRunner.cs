namespace Stackplan.Cli.Tests;

/// <summary>Runs the CLI in-process from the repository root and captures what it wrote.</summary>
internal static class CliRunner
{
    public static string Root { get; } = FindRoot();

    public static (int Exit, string Out, string Err) Run(params string[] args) => RunIn(Root, "", args);

    public static (int Exit, string Out, string Err) RunIn(string directory, string input, params string[] args)
    {
        var console = CliConsole.Captured(directory, input);
        var exit = Program.Run(args, console);
        return (exit, console.Out.ToString()!, console.Error.ToString()!);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stackplan.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("no repository root");
    }
}
