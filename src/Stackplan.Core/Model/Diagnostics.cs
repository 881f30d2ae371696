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

/// <summary>
/// One thing wrong with an input (an error) or worth knowing about a result (a warning): its code,
/// where it is when it has a place, and how to fix it when we can tell.
/// </summary>
public sealed record Diagnostic(DiagnosticCode Code, SourceLocation? Location, string Message, string? Hint = null)
{
    public Severity Severity => Escalated ? Severity.Error : Code.Severity;

    /// <summary>A warning made an error by --strict: it prints as an error and fails the run.</summary>
    public bool Escalated { get; init; }

    /// <summary>As compilers print it: <c>file:line:col: error SP2002: message (hint)</c>.</summary>
    public override string ToString()
    {
        var place = Location is null ? "" : $"{Location}: ";
        var hint = Hint is null ? "" : $" ({Hint})";
        return $"{place}{(Escalated ? "error" : Code.SeverityName)} {Code.Id}: {Message}{hint}";
    }

    /// <summary>A warning with no place in a file (a fact about a computed result).</summary>
    public static Diagnostic Warning(DiagnosticCode code, string message) => new(code, null, message);

    /// <summary>Sorts by file, line, column, then code, so a run reports the same way every time.</summary>
    public static IReadOnlyList<Diagnostic> InReadingOrder(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics
            .OrderBy(d => d.Location?.File ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Line ?? 0)
            .ThenBy(d => d.Location?.Column ?? 0)
            .ThenBy(d => d.Code.Id, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)];
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

    public InputException(DiagnosticCode code, SourceLocation location, string message, string? hint = null)
        : this([new Diagnostic(code, location, message, hint)])
    {
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}

/// <summary>Collects diagnostics so one run reports every problem it can, not just the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Count > 0;

    public void Add(DiagnosticCode code, SourceLocation location, string message, string? hint = null) =>
        _items.Add(new Diagnostic(code, location, message, hint));

    /// <summary>Throws every collected diagnostic, in reading order (not the order the checks ran).</summary>
    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new InputException(Diagnostic.InReadingOrder(_items));
        }
    }
}
