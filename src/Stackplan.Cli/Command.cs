namespace Stackplan.Cli;

/// <summary>A verb of the command line. Returns the exit code: 0 success, 1 checks failed, 2 bad input or usage.</summary>
public abstract class Command
{
    public abstract string Name { get; }

    public abstract string Summary { get; }

    /// <summary>The usage line after "stackplan NAME", e.g. "&lt;spec&gt; [options]".</summary>
    public abstract string Usage { get; }

    public abstract IReadOnlyList<OptionSpec> Options { get; }

    public virtual string? Details => null;

    /// <summary>How many positional arguments the command takes; more are refused (SP2107), never ignored.</summary>
    public virtual int MaxPositionals => 1;

    /// <summary>
    /// How many positional arguments it takes with <paramref name="action"/> as the first (the
    /// action word included): a command with actions takes as many as its action needs.
    /// </summary>
    public virtual int MaxPositionalsFor(string? action) => MaxPositionals;

    /// <summary>The fixed words its first argument takes (pricebook import|update|...), for help and shell completion.</summary>
    public virtual IReadOnlyList<string> Actions => [];

    /// <summary>Whether the command reads the embedded catalog and prices, which <see cref="Program"/> then starts reading on a second thread.</summary>
    public virtual bool ReadsEmbeddedData => true;

    public abstract int Run(Arguments args, CliConsole console);

    public void WriteHelp(TextWriter o)
    {
        o.WriteLine($"stackplan {Name} {Usage}");
        o.WriteLine();
        o.WriteLine(Summary);
        if (Details is { } details)
        {
            o.WriteLine();
            o.WriteLine(details);
        }

        o.WriteLine();
        o.WriteLine("Options:");
        foreach (var option in Options.Append(new OptionSpec("help", null, "show this help", "h")))
        {
            var names = (option.ShortName is { } s ? $"-{s}, " : "    ") + $"--{option.Name}" + (option.ValueName is { } v ? $" {v}" : "");
            o.WriteLine($"  {names,-28} {option.Help}");
        }
    }
}
