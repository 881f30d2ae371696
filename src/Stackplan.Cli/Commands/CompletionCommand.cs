using System.Text;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli.Commands;

/// <summary>
/// `stackplan completion bash|zsh|fish|powershell`: a completion script for the shell, written from
/// <see cref="Program.Commands"/> and each command's options, actions and choices, so a new command
/// or option completes without anyone editing a script.
/// </summary>
public sealed class CompletionCommand : Command
{
    private static readonly string[] Shells = ["bash", "zsh", "fish", "powershell"];

    /// <summary>Words accepted in place of a command (Program.Run handles them before the table).</summary>
    private static readonly string[] GlobalWords = ["help", "--help", "--version"];

    private static readonly OptionSpec HelpOption = new("help", null, "show this help", "h");

    public override string Name => "completion";

    public override bool ReadsEmbeddedData => false;

    public override string Summary => "Print a shell completion script for bash, zsh, fish or PowerShell.";

    public override string Usage => "bash | zsh | fish | powershell";

    public override IReadOnlyList<string> Actions => Shells;

    public override string Details =>
        "bash:       stackplan completion bash > ~/.local/share/bash-completion/completions/stackplan\n" +
        "zsh:        stackplan completion zsh > \"${fpath[1]}/_stackplan\"   (then start a new shell)\n" +
        "fish:       stackplan completion fish > ~/.config/fish/completions/stackplan.fish\n" +
        "PowerShell: stackplan completion powershell | Out-String | Invoke-Expression   (add the line to $PROFILE)";

    public override IReadOnlyList<OptionSpec> Options { get; } = [];

    public override int Run(Arguments args, CliConsole console)
    {
        var shell = args.Positional(0, "shell: " + string.Join(", ", Shells));
        var script = shell switch
        {
            "bash" => Bash(Program.Commands),
            "zsh" => Zsh(Program.Commands),
            "fish" => Fish(Program.Commands),
            "powershell" or "pwsh" => PowerShell(Program.Commands),
            _ => throw new UsageException(DiagnosticCodes.NotAllowedValue, $"no completion for shell '{shell}'", Spelling.Suggest(shell, Shells) ?? "use " + string.Join(", ", Shells)),
        };
        console.Out.Write(script);
        return 0;
    }

    private static IEnumerable<OptionSpec> OptionsOf(Command c) => c.Options.Append(HelpOption);

    private static IEnumerable<string> Spellings(OptionSpec o) =>
        o.ShortName is { } s ? ["--" + o.Name, "-" + s] : ["--" + o.Name];

    public static string Bash(IReadOnlyList<Command> commands)
    {
        var b = new StringBuilder();
        b.Append("# bash completion for stackplan, written by `stackplan completion bash` from its command table.\n");
        b.Append("# Install: stackplan completion bash > ~/.local/share/bash-completion/completions/stackplan\n");
        b.Append("_stackplan() {\n");
        b.Append("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
        b.Append("    COMPREPLY=()\n");
        b.Append("    if [[ $COMP_CWORD -eq 1 ]]; then\n");
        b.Append($"        COMPREPLY=($(compgen -W \"{string.Join(' ', commands.Select(c => c.Name).Concat(GlobalWords))}\" -- \"$cur\"))\n");
        b.Append("        return\n");
        b.Append("    fi\n");
        b.Append("    case \"${COMP_WORDS[1]}\" in\n");
        foreach (var c in commands)
        {
            b.Append($"    {c.Name})\n");
            var valued = OptionsOf(c).Where(o => o.ValueName is not null).ToList();
            if (valued.Count > 0)
            {
                b.Append("        case \"$prev\" in\n");
                foreach (var o in valued)
                {
                    var reply = o.Choices.Count > 0 ? $"COMPREPLY=($(compgen -W \"{string.Join(' ', o.Choices)}\" -- \"$cur\"))"
                        : o.TakesFile ? "COMPREPLY=($(compgen -f -- \"$cur\"))"
                        : "COMPREPLY=()"; // a free value (a name, a number): nothing sensible to offer
                    b.Append($"            {string.Join('|', Spellings(o))}) {reply}; return ;;\n");
                }

                b.Append("        esac\n");
            }

            b.Append("        if [[ $cur == -* ]]; then\n");
            b.Append($"            COMPREPLY=($(compgen -W \"{string.Join(' ', OptionsOf(c).SelectMany(Spellings))}\" -- \"$cur\"))\n");
            if (c.Actions.Count > 0)
            {
                b.Append("        elif [[ $COMP_CWORD -eq 2 ]]; then\n");
                b.Append($"            COMPREPLY=($(compgen -W \"{string.Join(' ', c.Actions)}\" -- \"$cur\"))\n");
            }

            if (c.Actions.Count == 0 || c.Usage.Contains('<', StringComparison.Ordinal))
            {
                b.Append("        else\n");
                b.Append("            COMPREPLY=($(compgen -f -- \"$cur\"))\n");
            }

            b.Append("        fi\n");
            b.Append("        ;;\n");
        }

        b.Append("    esac\n");
        b.Append("}\n");
        b.Append("complete -o filenames -F _stackplan stackplan\n");
        return b.ToString();
    }

    public static string Zsh(IReadOnlyList<Command> commands)
    {
        // Text inside _arguments' [help] and _describe's name:help must not end the bracket or split the pair.
        static string Help(string text) => Quote(text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal));
        static string Quote(string text) => text.Replace("'", "'\\''", StringComparison.Ordinal);

        var b = new StringBuilder();
        b.Append("#compdef stackplan\n");
        b.Append("# zsh completion for stackplan, written by `stackplan completion zsh` from its command table.\n");
        b.Append("# Install: stackplan completion zsh > \"${fpath[1]}/_stackplan\", then start a new shell.\n");
        b.Append("_stackplan() {\n");
        b.Append("    local -a commands\n");
        b.Append("    commands=(\n");
        foreach (var c in commands)
        {
            b.Append($"        '{c.Name}:{Help(c.Summary)}'\n");
        }

        b.Append("    )\n");
        b.Append("    if (( CURRENT == 2 )); then\n");
        b.Append("        _describe -t commands 'stackplan command' commands\n");
        b.Append("        return\n");
        b.Append("    fi\n");
        b.Append("    local command=${words[2]}\n");
        b.Append("    shift words\n");
        b.Append("    (( CURRENT-- ))\n");
        b.Append("    case $command in\n");
        foreach (var c in commands)
        {
            b.Append($"    {c.Name})\n");
            b.Append("        _arguments -s");
            foreach (var o in OptionsOf(c))
            {
                var names = Spellings(o).ToList();
                var exclusive = o.Repeatable ? "*" : names.Count > 1 ? $"({string.Join(' ', names)})" : "";
                var spelled = names.Count > 1 ? $"{{{string.Join(',', names)}}}" : names[0];
                var value = o.ValueName is null ? ""
                    : o.Choices.Count > 0 ? $":{Help(o.ValueName)}:({string.Join(' ', o.Choices)})"
                    : o.TakesFile ? $":{Help(o.ValueName)}:_files"
                    : $":{Help(o.ValueName)}: ";
                b.Append($" \\\n            '{exclusive}'{spelled}'[{Help(o.Help)}]{value}'");
            }

            if (c.Actions.Count > 0)
            {
                b.Append($" \\\n            '1:action:({string.Join(' ', c.Actions)})'");
            }

            if (c.Actions.Count == 0 || c.Usage.Contains('<', StringComparison.Ordinal))
            {
                b.Append(" \\\n            '*:file:_files'");
            }

            b.Append('\n');
            b.Append("        ;;\n");
        }

        b.Append("    esac\n");
        b.Append("}\n");
        b.Append("if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n");
        b.Append("    _stackplan \"$@\"\n");
        b.Append("else\n");
        b.Append("    compdef _stackplan stackplan\n");
        b.Append("fi\n");
        return b.ToString();
    }

    public static string Fish(IReadOnlyList<Command> commands)
    {
        static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

        var b = new StringBuilder();
        b.Append("# fish completion for stackplan, written by `stackplan completion fish` from its command table.\n");
        b.Append("# Install: stackplan completion fish > ~/.config/fish/completions/stackplan.fish\n");
        b.Append("complete -c stackplan -f\n");
        var names = string.Join(' ', commands.Select(c => c.Name));
        foreach (var c in commands)
        {
            b.Append($"complete -c stackplan -n 'not __fish_seen_subcommand_from {names}' -a {c.Name} -d {Quote(c.Summary)}\n");
        }

        b.Append("complete -c stackplan -n 'not __fish_seen_subcommand_from " + names + "' -l version -d 'print the version and the embedded price book date'\n");
        foreach (var c in commands)
        {
            var when = $"-n '__fish_seen_subcommand_from {c.Name}'";
            foreach (var o in OptionsOf(c))
            {
                var spelled = (o.ShortName is { } s ? $"-s {s} " : "") + $"-l {o.Name}";
                var value = o.ValueName is null ? ""
                    : o.Choices.Count > 0 ? $" -x -a {Quote(string.Join(' ', o.Choices))}"
                    : o.TakesFile ? " -r -F"
                    : " -x";
                b.Append($"complete -c stackplan {when} {spelled}{value} -d {Quote(o.Help)}\n");
            }

            if (c.Actions.Count > 0)
            {
                b.Append($"complete -c stackplan -n '__fish_seen_subcommand_from {c.Name}; and not __fish_seen_subcommand_from {string.Join(' ', c.Actions)}' -a {Quote(string.Join(' ', c.Actions))}\n");
            }

            if (c.Actions.Count == 0 || c.Usage.Contains('<', StringComparison.Ordinal))
            {
                b.Append($"complete -c stackplan {when} -F\n");
            }
        }

        return b.ToString();
    }

    public static string PowerShell(IReadOnlyList<Command> commands)
    {
        static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        static string List(IEnumerable<string> items) => "@(" + string.Join(", ", items.Select(Quote)) + ")";

        var b = new StringBuilder();
        b.Append("# PowerShell completion for stackplan, written by `stackplan completion powershell` from its command table.\n");
        b.Append("# Install: stackplan completion powershell | Out-String | Invoke-Expression   (add the line to $PROFILE)\n");
        b.Append("Register-ArgumentCompleter -Native -CommandName stackplan -ScriptBlock {\n");
        b.Append("    param($wordToComplete, $commandAst, $cursorPosition)\n");
        b.Append("    $commands = [ordered]@{\n");
        foreach (var c in commands)
        {
            var choices = OptionsOf(c).Where(o => o.Choices.Count > 0).SelectMany(o => Spellings(o).Select(n => $"{Quote(n)} = {List(o.Choices)}"));
            var files = OptionsOf(c).Where(o => o.TakesFile).SelectMany(Spellings);
            var free = OptionsOf(c).Where(o => o.ValueName is not null && o.Choices.Count == 0 && !o.TakesFile).SelectMany(Spellings);
            b.Append($"        {Quote(c.Name)} = @{{\n");
            b.Append($"            Summary = {Quote(c.Summary)}\n");
            b.Append($"            Options = {List(OptionsOf(c).SelectMany(Spellings))}\n");
            b.Append($"            Actions = {List(c.Actions)}\n");
            b.Append($"            Choices = @{{ {string.Join("; ", choices)} }}\n");
            b.Append($"            FileOptions = {List(files)}\n");
            b.Append($"            FreeOptions = {List(free)}\n");
            b.Append($"            Files = ${(c.Actions.Count == 0 || c.Usage.Contains('<', StringComparison.Ordinal) ? "true" : "false")}\n");
            b.Append("        }\n");
        }

        b.Append("    }\n");
        b.Append("""
                # The words before the one being completed (the first is 'stackplan' itself).
                $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -lt $cursorPosition -or ($_.Extent.EndOffset -eq $cursorPosition -and $wordToComplete -eq '') } | ForEach-Object { $_.ToString() })
                if ($wordToComplete -ne '' -and $words.Count -gt 0 -and $words[-1] -eq $wordToComplete) { $words = @($words | Select-Object -SkipLast 1) }
                $candidates = @()
                $kind = 'ParameterValue'
                $useFiles = $false
                if ($words.Count -le 1) {
                    $candidates = @($commands.Keys) + @('help', '--help', '--version')
                    $kind = 'Command'
                } elseif ($commands.Contains($words[1])) {
                    $entry = $commands[$words[1]]
                    $prev = $words[-1]
                    if ($words.Count -gt 2 -and $entry.Choices.ContainsKey($prev)) {
                        $candidates = $entry.Choices[$prev]
                    } elseif ($words.Count -gt 2 -and $entry.FileOptions -contains $prev) {
                        $useFiles = $true
                    } elseif ($words.Count -gt 2 -and $entry.FreeOptions -contains $prev) {
                        return
                    } elseif ($wordToComplete.StartsWith('-')) {
                        $candidates = $entry.Options
                        $kind = 'ParameterName'
                    } elseif ($words.Count -eq 2 -and $entry.Actions.Count -gt 0) {
                        $candidates = $entry.Actions
                    } else {
                        $useFiles = $entry.Files
                    }
                }
                if ($useFiles) {
                    Get-ChildItem -Path "$wordToComplete*" -ErrorAction SilentlyContinue | ForEach-Object {
                        [System.Management.Automation.CompletionResult]::new($_.Name, $_.Name, 'ProviderItem', $_.Name)
                    }
                    return
                }
                $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, $kind, $_)
                }
            }

            """);
        return b.ToString();
    }
}
