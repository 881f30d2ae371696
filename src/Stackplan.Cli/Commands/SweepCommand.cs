using Stackplan.Core.Parsing;
using Stackplan.Core.Model;
using System.Globalization;
using Stackplan.Core.Analysis;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

public sealed class SweepCommand : Command
{
    private static readonly OptionSpec Vary = new("vary", "KEY=FROM..TO[:STEPS]", "a usage key to step through (once or twice for a grid; default 10 steps)", Repeatable: true);
    private static readonly OptionSpec Samples = new("samples", "N", $"Monte Carlo: N samples over the usage ranges (at most {Sweep.MaxSamples:N0})");
    private static readonly OptionSpec Seed = new("seed", "S", "Monte Carlo seed, for reproducible runs (default 1)");

    public override string Name => "sweep";

    public override string Summary => "Step usage keys over a range (a grid of one or two keys), or sample the usage ranges (Monte Carlo).";

    public override string Usage => "<spec> (--vary KEY=FROM..TO[:STEPS] [--vary ...] | --samples N [--seed S]) [options]";

    public override string Details => $"A grid of more than {MaxGridCells:N0} points x deployments (up to {SweepAxis.MaxSteps + 1:N0} x {SweepAxis.MaxSteps + 1:N0}) streams its rows as they are computed: --format csv, or --format json for JSON Lines (docs/analyses.md).";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [Vary, Samples, Seed, EstimatingOptions.Env, EstimatingOptions.Option, EstimatingOptions.Usage, EstimatingOptions.Catalog, AnalysisOptions.Format, EstimatingOptions.Output, Gates.Strict];

    public override int Run(Arguments args, CliConsole console)
    {
        var (spec, _) = SpecInput.Load(console, args.Positional(0, "spec file (a path, or - for standard input)"), args);
        var estimator = EstimatingOptions.CreateEstimator(args, console);
        Gates.CheckSpec(spec, estimator, args, console);
        var varied = args.GetAll(Vary.Name);
        var samples = AnalysisOptions.Int(args, Samples.Name, 1, Sweep.MaxSamples);
        if (varied.Count == 0 == (samples is null))
        {
            throw new UsageException(DiagnosticCodes.ConflictingOptions, "give either --vary (a sweep) or --samples (Monte Carlo), not both or neither");
        }

        if (varied.Count > 2)
        {
            throw new UsageException(DiagnosticCodes.ConflictingOptions, $"a sweep varies one or two keys, not {varied.Count}");
        }

        var known = AnalysisOptions.UsageKeys(spec, estimator);
        var axes = varied.Select(v => ParseAxis(v, known, spec)).ToList();
        if (axes.Count == 2 && axes[0].Key == axes[1].Key)
        {
            throw new UsageException(DiagnosticCodes.ConflictingOptions, $"--vary names '{axes[0].Key}' twice");
        }

        var usage = EstimatingOptions.UsageOverrides(spec, estimator, args);
        var models = estimator.CompileAll(spec, EstimatingOptions.Targets(spec, args), usage);
        if (samples is { } n)
        {
            var seed = args.Get(Seed.Name) is { } s
                ? (ulong)AnalysisOptions.Whole(s, "--seed", 0m, ulong.MaxValue)
                : 1UL;
            return AnalysisOptions.Render(SweepDocument.MonteCarlo([.. models.Select(m => Sweep.MonteCarlo(m, n, seed))]), models, args, console);
        }

        // A grid small enough to hold is one document in any format; a larger one (up to the
        // documented 10,001 x 10,001 points) streams its rows as they are computed, in bounded memory.
        var cells = Sweep.PointCount(axes) * models.Length;
        if (cells <= MaxGridCells)
        {
            return AnalysisOptions.Render(SweepDocument.Grid(Sweep.Grid(models, axes)), models, args, console);
        }

        var format = OutputFormats.Choose<AnalysisDocument>(args).Format.Name;
        Func<IEnumerable<SweepPoint>, System.Collections.Immutable.ImmutableArray<string>, TextWriter, long> write = format switch
        {
            "csv" => SweepStream.WriteCsv,
            "json" => SweepStream.WriteJsonLines,
            _ => throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"the grid has {cells:N0} cells; above {MaxGridCells:N0} a sweep streams its rows as csv or json (JSON Lines), not {format}", "add --format csv or --format json (or -o FILE.csv), or use fewer steps"),
        };

        var missing = AnalysisOptions.WarnAboutMissingPrices(models, console);
        var columns = SweepStream.Columns(axes, [.. models.Select(m => m.Deployment.Name)]);
        var points = Sweep.Points(models, axes);
        if (args.Get(EstimatingOptions.Output.Name) is { } path and not "-")
        {
            OutputTarget.WriteText(console, path, w => write(points, columns, w));
        }
        else
        {
            write(points, columns, console.Out);
            console.Out.Flush();
        }

        return missing && args.Has(Gates.Strict.Name) ? 1 : 0;
    }

    /// <summary>The most grid points x deployments a sweep holds as one document; a larger grid streams as CSV or JSON Lines.</summary>
    public const long MaxGridCells = 1_000_000;

    private static SweepAxis ParseAxis(string text, IReadOnlySet<string> known, PlatformSpec spec)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--vary takes KEY=FROM..TO[:STEPS], not '{text}'", "e.g. --vary logs_gb_per_day=1..100:20");
        }

        var key = text[..eq];
        AnalysisOptions.RequireUsageKey(key, known, "--vary", spec);
        var rest = text[(eq + 1)..];
        var steps = 10;
        if (rest.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            steps = (int)AnalysisOptions.Whole(rest[(colon + 1)..], $"--vary {key}: steps", 1, SweepAxis.MaxSteps);
            rest = rest[..colon];
        }

        var bounds = rest.Split("..");
        if (bounds.Length != 2)
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--vary {key}: the range must be FROM..TO, not '{rest}'");
        }

        // The same parser and bounds as the spec's usage: 0 to 1e15.
        var from = Bound(bounds[0], key, rest);
        var to = Bound(bounds[1], key, rest);

        if (from < 0m || to <= from)
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--vary {key}: the range {rest} is empty, reversed or negative: need 0 <= FROM < TO");
        }

        return new SweepAxis(key, from, to, steps);
    }

    private static decimal Bound(string text, string key, string range) =>
        Numbers.TryParse(text, 0m, Numbers.MaxVolume, out var value, out var problem)
            ? value
            : throw new UsageException(DiagnosticCodes.InvalidOptionValue, problem == "is not a number"
                ? $"--vary {key}: the range must be FROM..TO, not '{range}'"
                : $"--vary {key}: '{text}' {problem}");
}
