using Stackplan.Testing;

namespace Stackplan.Cli.Tests;

/// <summary>Runs the CLI in-process from the repository root and captures what it wrote.</summary>
internal static class CliRunner
{
    public static string Root => Repository.Root;

    public static (int Exit, string Out, string Err) Run(params string[] args) => RunIn(Root, "", args);

    public static (int Exit, string Out, string Err) RunIn(string directory, string input, params string[] args)
    {
        var console = CliConsole.Captured(directory, input);
        var exit = Program.Run(args, console);
        var err = console.Error.ToString()!;
        FrameworkText.ResourceKeys(err).ShouldBeEmpty($"framework resource keys in: {err}");
        return (exit, console.Out.ToString()!, err);
    }
}
