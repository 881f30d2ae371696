namespace Stackplan.Core.Model;

/// <summary>A place in an input file, 1-based, as editors and compilers print it.</summary>
/// <remarks>A class, not a struct: collections of a reference type share the runtime's precompiled
/// code, where each struct instantiation is compiled at start-up.</remarks>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation None(string file) => new(file, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>The text of an input file and the name it is reported under.</summary>
public sealed record SourceText(string FileName, string Text);

/// <summary>One thing wrong with an input, where it is, and how to fix it when we can tell.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message, string? Hint = null)
{
    public override string ToString() =>
        Hint is null ? $"{Location}: error: {Message}" : $"{Location}: error: {Message} ({Hint})";
}

/// <summary>
/// Bad input: a spec, catalog or price file that cannot be used. The CLI turns it into
/// messages and exit code 2; it is never a bug, so it never shows a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public InputException(SourceLocation location, string message, string? hint = null)
        : this([new Diagnostic(location, message, hint)])
    {
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}

/// <summary>Collects diagnostics so one run reports every problem it can, not just the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Count > 0;

    public void Add(SourceLocation location, string message, string? hint = null) =>
        _items.Add(new Diagnostic(location, message, hint));

    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new InputException(_items.ToArray());
        }
    }
}
