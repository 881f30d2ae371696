namespace Stackplan.Cli.Tests;

/// <summary>
/// Tests of a published stackplan (the native AOT binary, or the dotnet tool's command) as a separate
/// process. They need its path in STACKPLAN_BINARY (absolute, or relative to the repository root);
/// without it they show as skipped with the reason, never as passed. CI (.ci/run) sets it.
/// </summary>
public sealed class PublishedBinaryTheoryAttribute : TheoryAttribute
{
    public PublishedBinaryTheoryAttribute()
    {
        if (PublishedBinary.Path is null)
        {
            Skip = PublishedBinary.SkipReason;
        }
    }
}

/// <inheritdoc cref="PublishedBinaryTheoryAttribute"/>
public sealed class PublishedBinaryFactAttribute : FactAttribute
{
    public PublishedBinaryFactAttribute()
    {
        if (PublishedBinary.Path is null)
        {
            Skip = PublishedBinary.SkipReason;
        }
    }
}

/// <summary>A test that runs a program (zsh, fish, pwsh): skipped, with the reason, when it is not on PATH. CI installs them.</summary>
public sealed class RequiresProgramFactAttribute : FactAttribute
{
    public RequiresProgramFactAttribute(string program)
    {
        if (ExternalProcess.FindOnPath(program) is null)
        {
            Skip = $"'{program}' is not on PATH: install it to run this test (.ci/run does)";
        }
    }
}
