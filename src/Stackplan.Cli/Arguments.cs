using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli;

/// <summary>Wrong use of the command line: the CLI prints it with the command's usage and exits 2.</summary>
public sealed class UsageException(DiagnosticCode code, string message, string? hint = null) : Exception(message)
{
    public DiagnosticCode Code { get; } = code;

    public string? Hint { get; } = hint;

    /// <summary>As the CLI prints it: <c>error SP2103: message (hint)</c>.</summary>
    public Diagnostic ToDiagnostic() => new(Code, null, Message, Hint);
}

/// <summary>An option a command accepts: its name, whether it takes a value, and its help line.</summary>
public sealed record OptionSpec(string Name, string? ValueName, string Help, string? ShortName = null, bool Repeatable = false)
{
    /// <summary>The values it takes when they are a fixed set (formats, levels): shell completion offers them.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Whether its value is a path, so shell completion offers files.</summary>
    public bool TakesFile => ValueName is { } value && value.Split('|').Contains("FILE");
}

/// <summary>
/// Parsed arguments: positionals and options (--name value, --name=value, -o value). Unknown
/// options are refused with a suggestion; options are checked against the command's list.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private Arguments(List<string> positionals) => Positionals = positionals;

    public IReadOnlyList<string> Positionals { get; }

    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> known)
    {
        var positionals = new List<string>();
        var parsed = new Arguments(positionals);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length < 2 || arg[0] != '-' || arg == "-")
            {
                positionals.Add(arg);
                continue;
            }

            var (name, inlineValue) = arg.StartsWith("--", StringComparison.Ordinal)
                ? (arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[2..eq], arg[(eq + 1)..]) : (arg[2..], null))
                : (arg[1..], (string?)null);
            var option = known.FirstOrDefault(o => o.Name == name || o.ShortName == name)
                ?? throw new UsageException(DiagnosticCodes.UnknownOption, $"unknown option '{arg}'", Spelling.Suggest(name, known.Select(o => o.Name)) is { } s ? s.Replace("'", "'--", StringComparison.Ordinal).Replace("'--?", "'?", StringComparison.Ordinal) : "see --help");
            string value;
            if (option.ValueName is null)
            {
                value = inlineValue ?? "true";
            }
            else if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException(DiagnosticCodes.MissingArgument, $"option --{option.Name} needs a value ({option.ValueName})");
            }

            if (!parsed._options.TryGetValue(option.Name, out var values))
            {
                parsed._options[option.Name] = values = [];
            }
            else if (!option.Repeatable)
            {
                throw new UsageException(DiagnosticCodes.UnknownOption, $"option --{option.Name} is given twice");
            }

            values.Add(value);
        }

        return parsed;
    }

    public string? Get(string name) => _options.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var v) ? v : [];

    public bool Has(string name) => _options.ContainsKey(name);

    public string Choice(string name, string fallback, params string[] allowed)
    {
        var value = Get(name) ?? fallback;
        if (Array.IndexOf(allowed, value) < 0)
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--{name} must be one of {string.Join(", ", allowed)}, not '{value}'", Spelling.Suggest(value, allowed));
        }

        return value;
    }

    public string Positional(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new UsageException(DiagnosticCodes.MissingArgument, $"missing {what}");
}
