using System.Text.RegularExpressions;

namespace Stackplan.Testing;

/// <summary>
/// The CLI ships with UseSystemResourceKeys, so any framework exception message it passes through
/// reaches the user as a bare resource key ("ExpectedJsonTokens", "UnauthorizedAccess_IODenied_Path",
/// "net_http_invalid_response_premature_eof_bytecount"). The test projects set the same switch, so
/// every run they make sees what a user sees, and every runner checks its error output here.
/// </summary>
public static partial class FrameworkText
{
    /// <summary>The resource keys found in <paramref name="text"/>; empty when it has none.</summary>
    public static IReadOnlyList<string> ResourceKeys(string text) =>
        [.. ResourceKeyShape().Matches(text).Select(m => m.Value)];

    // net_http_..., Arg_OverflowException, IO_FileNotFound_FileName, UnauthorizedAccess_IODenied_Path,
    // and System.Text.Json's reader keys (ExpectedJsonTokens, EndOfStringNotFound, ...).
    [GeneratedRegex(@"\bnet_[a-z_]+\b|\b[A-Z][A-Za-z]*_[A-Z][A-Za-z_]*\b|\b(?:Expected|EndOf|Found|Invalid|Mismatched|Required|Trailing|ObjectDepth|ArrayDepth|ZeroDepth)[A-Z][A-Za-z]*[a-z]\b")]
    private static partial Regex ResourceKeyShape();
}
