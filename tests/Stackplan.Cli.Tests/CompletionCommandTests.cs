namespace Stackplan.Cli.Tests;

/// <summary>
/// `stackplan completion SHELL` writes its scripts from the command table: every command, option,
/// action and choice is there, and the scripts complete them when a real shell runs them.
/// </summary>
public sealed class CompletionCommandTests
{
    private static string Script(string shell)
    {
        var (exit, script, err) = CliRunner.Run("completion", shell);
        exit.ShouldBe(0, err);
        return script;
    }

    /// <summary>Sources the bash script and asks _stackplan to complete the words, the last being the one under the cursor.</summary>
    private static string[] BashCompletes(params string[] words)
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-completion-");
        try
        {
            var script = Path.Combine(dir.FullName, "stackplan.bash");
            File.WriteAllText(script, Script("bash"));
            var quoted = string.Join(' ', words.Select(w => "'" + w + "'"));
            var (exit, output, err) = ExternalProcess.Run("bash", CliRunner.Root, "",
                ["-c", $"source '{script}'; COMP_WORDS=(stackplan {quoted}); COMP_CWORD={words.Length}; _stackplan; printf '%s\\n' \"${{COMPREPLY[@]}}\""]);
            exit.ShouldBe(0, err);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    [InlineData("powershell")]
    public void Every_command_and_option_of_the_table_is_in_each_script(string shell)
    {
        var script = Script(shell);
        foreach (var command in Program.Commands)
        {
            script.ShouldContain(command.Name);
            foreach (var option in command.Options)
            {
                script.ShouldContain(shell == "fish" ? "-l " + option.Name : "--" + option.Name, customMessage: $"{command.Name} --{option.Name}");
                foreach (var choice in option.Choices)
                {
                    script.ShouldContain(choice);
                }
            }

            foreach (var action in command.Actions)
            {
                script.ShouldContain(action);
            }
        }
    }

    [Fact]
    public void Bash_completes_command_names_from_a_prefix() =>
        BashCompletes("com").ShouldBe(["compare", "completion"]);

    [Fact]
    public void Bash_completes_a_commands_options_and_their_choices()
    {
        BashCompletes("compare", "--for").ShouldBe(["--format"]);
        BashCompletes("compare", "-f", "").ShouldBe(["table", "json", "csv", "markdown"]);
        BashCompletes("check", "--format", "s").ShouldBe(["sarif"]);
        BashCompletes("check", "--fail-on", "").ShouldBe(["low", "medium", "high", "critical"]);
    }

    [Fact]
    public void Bash_completes_actions_then_files()
    {
        BashCompletes("pricebook", "").ShouldBe(["import", "update", "query", "info", "diff"]);
        BashCompletes("completion", "").ShouldBe(["bash", "zsh", "fish", "powershell"]);
        BashCompletes("compare", "examples/nist-obs").ShouldBe(["examples/nist-observability"]);
        BashCompletes("pricebook", "import", "examples/hera-p").ShouldBe(["examples/hera-prod"]);
    }

    [Fact]
    public void Bash_offers_nothing_for_a_free_value() =>
        BashCompletes("sweep", "--seed", "").ShouldBeEmpty();

    [RequiresProgramFact("zsh")]
    public void The_zsh_script_is_valid_zsh()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-completion-");
        try
        {
            var script = Path.Combine(dir.FullName, "_stackplan");
            File.WriteAllText(script, Script("zsh"));
            var (exit, _, err) = ExternalProcess.Run("zsh", CliRunner.Root, "", ["-n", script]);
            exit.ShouldBe(0, err);

            // Loaded for real under compinit, it registers itself for the stackplan command.
            var (loaded, output, loadErr) = ExternalProcess.Run("zsh", CliRunner.Root, "",
                ["-f", "-c", $"autoload -Uz compinit && compinit -u -D && source '{script}' && print -r -- $_comps[stackplan]"]);
            loaded.ShouldBe(0, loadErr);
            output.Trim().ShouldBe("_stackplan");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [RequiresProgramFact("fish")]
    public void Fish_completes_commands_options_and_choices()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-completion-");
        try
        {
            var script = Path.Combine(dir.FullName, "stackplan.fish");
            File.WriteAllText(script, Script("fish"));
            string[] Complete(string line)
            {
                var (exit, output, err) = ExternalProcess.Run("fish", CliRunner.Root, "", ["--no-config", "-c", $"source '{script}'; complete -C '{line}'"]);
                exit.ShouldBe(0, err);
                return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]).ToArray();
            }

            Complete("stackplan com").ShouldBe(["compare", "completion"], ignoreOrder: true);
            Complete("stackplan compare --for").ShouldBe(["--format"]);
            Complete("stackplan compare --format ").ShouldBe(["csv", "json", "markdown", "table"], ignoreOrder: true);
            Complete("stackplan pricebook ").ShouldContain("import");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_unknown_shell_is_a_usage_error()
    {
        var (exit, _, err) = CliRunner.Run("completion", "tcsh");
        exit.ShouldBe(2);
        err.ShouldContain("no completion for shell 'tcsh'");
        err.ShouldContain("usage: stackplan completion");
    }

    [Fact]
    public void Version_names_the_embedded_books_and_their_as_of_dates_from_their_rows()
    {
        var (exit, output, _) = CliRunner.Run("--version");
        exit.ShouldBe(0);

        // The curated books' date is the newest as_of (their last column) of any provider's rows, read here from the CSV files themselves.
        var curated = Directory.GetFiles(Path.Combine(CliRunner.Root, "data", "prices"), "*-curated.csv")
            .SelectMany(f => File.ReadAllLines(f).Skip(1))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(',')[^1])
            .Max(StringComparer.Ordinal);
        var world = Stackplan.Core.Parsing.EmbeddedData.World.AsOf;
        world.ShouldMatch(@"^\d{4}-\d{2}-\d{2}$");
        output.ShouldBe($"stackplan 0.1.0 (embedded prices: stackplan-curated as of {curated}, stackplan-world as of {world})\n");
    }
}
