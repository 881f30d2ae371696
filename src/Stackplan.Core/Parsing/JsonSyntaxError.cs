using System.Text.Json;

namespace Stackplan.Core.Parsing;

/// <summary>
/// Words for a System.Text.Json syntax error. The CLI ships with UseSystemResourceKeys (smaller
/// native binary), which turns every framework message into its bare resource key
/// ("ExpectedEndAfterSingleJson, }"): such a message is never shown to a user. The keys this
/// table knows become a sentence; any other becomes a plain "not valid JSON here", since the
/// diagnostic's file:line:column already points at the place.
/// </summary>
public static class JsonSyntaxError
{
    // The reader's resource keys (System.Text.Json's Strings.resx) and what they mean to a user.
    // {0} is the character or token the key names, when it names one.
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["ExpectedJsonTokens"] = "there is no JSON value (the input is empty or only whitespace)",
        ["ExpectedEndAfterSingleJson"] = "unexpected '{0}' after the end of the document",
        ["ExpectedEndOfDigitNotFound"] = "a number is not written correctly ('{0}' in it)",
        ["ExpectedNextDigitEValueNotFound"] = "a number's exponent has no digits",
        ["ExpectedSeparatorAfterPropertyNameNotFound"] = "expected ':' after a property name, found '{0}'",
        ["ExpectedStartOfPropertyNotFound"] = "expected a property name in double quotes, found '{0}'",
        ["ExpectedStartOfPropertyOrValueNotFound"] = "expected a property name or a value (the file may be truncated)",
        ["ExpectedStartOfValueNotFound"] = "expected a value, found '{0}'",
        ["ExpectedValueAfterPropertyNameNotFound"] = "expected a value after ':'",
        ["ExpectedFalse"] = "expected 'false'",
        ["ExpectedTrue"] = "expected 'true'",
        ["ExpectedNull"] = "expected 'null'",
        ["EndOfStringNotFound"] = "a string is not closed (the file may be truncated)",
        ["EndOfCommentNotFound"] = "a comment is not closed",
        ["FoundInvalidCharacter"] = "unexpected character '{0}'",
        ["InvalidCharacterWithinString"] = "a string holds a control character that must be escaped",
        ["InvalidCharacterAfterEscapeWithinString"] = "a string has an invalid escape sequence",
        ["InvalidHexCharacterWithinString"] = "a string has an invalid \\u escape",
        ["InvalidEndOfJsonNonPrimitive"] = "the document ends inside an object or array (the file may be truncated)",
        ["MismatchedObjectArray"] = "'{0}' does not close the object or array that is open",
        ["ObjectDepthTooLarge"] = "objects are nested too deeply",
        ["ArrayDepthTooLarge"] = "arrays are nested too deeply",
        ["RequiredDigitNotFoundAfterDecimal"] = "a number has no digit after its decimal point",
        ["RequiredDigitNotFoundAfterSign"] = "a number has no digit after its sign",
        ["RequiredDigitNotFoundEndOfData"] = "a number ends early (the file may be truncated)",
        ["InvalidLeadingZeroInNumber"] = "a number has a leading zero",
        ["TrailingCommaNotAllowedBeforeArrayEnd"] = "a trailing comma before ']'",
        ["TrailingCommaNotAllowedBeforeObjectEnd"] = "a trailing comma before '}'",
        ["ZeroDepthAtEnd"] = "the document ends early (the file may be truncated)",
        ["InvalidCast"] = "a value has the wrong type",
        ["InvalidComparison"] = "a value has the wrong type",
        ["CannotReadIncompleteUTF16"] = "the text is not valid UTF-8",
        ["CannotReadInvalidUTF16"] = "the text is not valid UTF-8",
        ["CannotTranscodeInvalidUtf8"] = "the text is not valid UTF-8",
    };

    /// <summary>
    /// What went wrong, in words, never the framework's message or key. The location (line and
    /// column) is the caller's to report, from <see cref="Line"/> and <see cref="Column"/>.
    /// </summary>
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var key = message.Split([',', ' '], 2)[0];
        if (Words.TryGetValue(key, out var words))
        {
            var argument = message.Length > key.Length + 1 && message[key.Length] == ',' ? message[(key.Length + 1)..].Trim() : "";
            var cut = argument.IndexOf(" LineNumber", StringComparison.Ordinal);
            argument = cut >= 0 ? argument[..cut] : argument;
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, words, argument.Split(',')[0].Trim());
        }

        return "the JSON is not valid here";
    }

    /// <summary>The 1-based line of the error (System.Text.Json counts from 0).</summary>
    public static int Line(JsonException e) => (int)Math.Min(e.LineNumber ?? 0, int.MaxValue - 1) + 1;

    /// <summary>The 1-based column of the error, in bytes of its line.</summary>
    public static int Column(JsonException e) => (int)Math.Min(e.BytePositionInLine ?? 0, int.MaxValue - 1) + 1;
}
