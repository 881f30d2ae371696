using Stackplan.Cli.Commands;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, CliConsole.System());

    /// <summary>The verbs, in the order help lists them.</summary>
    public static IReadOnlyList<Command> Commands { get; } =
    [
        new EstimateCommand(),
        new CompareCommand(),
        new ReportCommand(),
        new ExplainCommand(),
        new CatalogCommand(),
        new SchemaCommand(),
        new CheckCommand(),
        new BreakevenCommand(),
        new SweepCommand(),
        new TcoCommand(),
        new SizeCommand(),
        new MigrateCommand(),
        new PricebookCommand(),
        new DiffCommand(),
        new ImportCommand(),
        new CompletionCommand(),
    ];

    /// <summary>Runs one command line against the given console; the in-process entry point tests use.</summary>
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            var topic = args.Count > 1 ? Commands.FirstOrDefault(c => c.Name == args[1]) : null;
            if (topic is not null)
            {
                topic.WriteHelp(console.Out);
            }
            else
            {
                WriteHelp(console.Out);
            }

            return args.Count == 0 ? 2 : 0;
        }

        if (args[0] is "--version" or "version")
        {
            console.Out.WriteLine(VersionLine());
            return 0;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.UnknownCommand, null, $"unknown command '{args[0]}'", Spelling.Suggest(args[0], Commands.Select(c => c.Name))));
            console.Error.WriteLine("run 'stackplan --help' for the commands");
            return 2;
        }

        if (command.ReadsEmbeddedData)
        {
            EmbeddedData.Prefetch();
        }

        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            command.WriteHelp(console.Out);
            return 0;
        }

        try
        {
            var arguments = Arguments.Parse(rest, command.Options);
            var most = command.MaxPositionalsFor(arguments.Positionals.FirstOrDefault());
            if (arguments.Positionals.Count > most)
            {
                var extra = arguments.Positionals[most];
                var hint = command.Actions.Count == 0 && most == 1 ? $"{command.Name} reads one spec; run it once per spec"
                    : command.Options.Any(o => o.Name == "pricebook") && extra.EndsWith(".db", StringComparison.Ordinal) ? $"to name a price book, use --pricebook {extra}"
                    : null;
                throw new UsageException(DiagnosticCodes.UnexpectedArgument, $"unexpected argument '{extra}'", hint);
            }

            RecordInputs(command, arguments, console);
            return command.Run(arguments, console);
        }
        catch (InputException e)
        {
            foreach (var d in e.Diagnostics)
            {
                console.Error.WriteLine(d.ToString());
            }

            return 2;
        }
        catch (UsageException e)
        {
            console.Error.WriteLine(e.ToDiagnostic());
            console.Error.WriteLine($"usage: stackplan {command.Name} {command.Usage}   (--help for more)");
            return 2;
        }
        catch (Stackplan.Core.Formulas.FormulaException e)
        {
            // A formula assembled from spec values (a mode's volume gate) that does not parse: bad input, not a crash.
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.InvalidFormula, null, $"a formula built from the spec's values does not parse: {e.Message}", "check the usage volumes and component settings for values out of range"));
            return 2;
        }
        catch (ArithmeticException)
        {
            // Inputs are bounded and formulas report their own overflow with their location; this
            // is an analysis whose result (a 50-year growth, a total over many lines) is beyond decimal.
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.ResultOverflow, null, "a result is beyond the largest amount Stackplan computes (about 7.9e28)", "check the volumes, growth rates and years the command was given"));
            return 2;
        }
        catch (UnauthorizedAccessException)
        {
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.CannotReadInput, null, "permission denied: this user cannot read or write a file the command needs"));
            return 2;
        }
        catch (IOException e) when (OutputTarget.IsDiskFull(e))
        {
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.CannotWriteOutput, null, "the disk is full: the output could not be written"));
            return 2;
        }
        catch (IOException)
        {
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.CannotWriteOutput, null, "an input or output failed (an I/O error on a file or the console)"));
            return 2;
        }
    }

    /// <summary>
    /// Every existing file the command line names (positionals, and options that take a FILE other
    /// than -o) is an input of the run, so -o refuses it before anything is written: a price book,
    /// a baseline JSON, a usage file, a plan, whichever option read it and whenever it is read.
    /// </summary>
    private static void RecordInputs(Command command, Arguments arguments, CliConsole console)
    {
        var named = arguments.Positionals.Concat(command.Options
            .Where(o => o.TakesFile && o.Name != OutputFormats.Output.Name)
            .SelectMany(o => arguments.GetAll(o.Name)));
        foreach (var path in named.Where(p => p is { Length: > 0 } and not "-"))
        {
            var full = console.ResolvePath(path);
            if (File.Exists(full))
            {
                console.InputPaths.Add(full);
            }
        }
    }

    /// <summary>
    /// The tool's version and the embedded price book's as-of date, read from the book's own rows
    /// (never the clock), so a report can be matched with the prices that made it.
    /// </summary>
    public static string VersionLine()
    {
        var version = typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        var (curated, world) = (EmbeddedData.CuratedBook(), EmbeddedData.World);
        var curatedAsOf = curated.Entries.Max(e => e.AsOf); // the newest row of any provider's curated file
        return $"stackplan {version} (embedded prices: {curated.Name} as of {curatedAsOf}, {world.Name} as of {world.AsOf})";
    }

    private static void WriteHelp(TextWriter o)
    {
        o.WriteLine("stackplan: cost, size and compare platform environments and hosting options from one YAML spec.");
        o.WriteLine();
        o.WriteLine("usage: stackplan <command> [arguments] [options]");
        o.WriteLine();
        o.WriteLine("Commands:");
        foreach (var c in Commands)
        {
            o.WriteLine($"  {c.Name,-12} {c.Summary}");
        }

        o.WriteLine();
        o.WriteLine("Exit codes: 0 success, 1 checks failed, 2 bad input or usage.");
        o.WriteLine("Run 'stackplan <command> --help' for a command's options, 'stackplan --version' for the version.");
    }
}
