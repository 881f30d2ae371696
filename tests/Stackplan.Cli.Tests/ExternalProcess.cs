using System.Diagnostics;
using System.Text;

namespace Stackplan.Cli.Tests;

/// <summary>Runs a program as its own process, with no terminal, and captures what it wrote.</summary>
internal static class ExternalProcess
{
    public static (int Exit, string Out, string Err) Run(string program, string workingDirectory, string input, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in time");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}

/// <summary>The published stackplan under test, from STACKPLAN_BINARY.</summary>
internal static class PublishedBinary
{
    public const string Variable = "STACKPLAN_BINARY";

    public const string SkipReason = "STACKPLAN_BINARY is not set: publish the AOT binary (dotnet publish src/Stackplan.Cli -c Release -r linux-x64 -p:PublishAot=true) " +
        "and set STACKPLAN_BINARY=src/Stackplan.Cli/bin/Release/net10.0/linux-x64/publish/stackplan to run these tests (.ci/run does)";

    public static string? Path { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given
        ? System.IO.Path.GetFullPath(given, CliRunner.Root)
        : null;

    public static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput("", args);

    public static (int Exit, string Out, string Err) RunWithInput(string input, params string[] args)
    {
        File.Exists(Path).ShouldBeTrue($"{Variable} names {Path}, which does not exist");
        return ExternalProcess.Run(Path!, CliRunner.Root, input, args);
    }
}
