using System.Collections.Immutable;
using Stackplan.Core.Analysis;
using Stackplan.Core.Inputs.Terraform;
using Stackplan.Core.Model;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

/// <summary>
/// <c>stackplan diff BEFORE AFTER</c>: the monthly cost change between two plans, two specs, or a
/// saved JSON estimate and a new run; <c>stackplan diff PLAN</c> compares a plan's prior state
/// with its planned values. <c>--fail-above</c> turns it into a CI gate (exit 1).
/// </summary>
public sealed class DiffCommand : Command
{
    private static readonly OptionSpec FailAbove = new("fail-above", "AMOUNT|PERCENT%", "exit 1 when the monthly cost rises by more than this (USD, or a percentage such as 10%)");

    public override string Name => "diff";

    public override string Summary => "The monthly cost change between two plans, specs or saved JSON estimates, per resource and per deployment; a Markdown body for pull requests.";

    public override string Usage => "<before> [<after>] [options]";

    public override int MaxPositionals => 2;

    public override string Details =>
        "Each side is a Terraform plan or state JSON, a spec, or a saved 'estimate --format json' output. With one plan, its prior_state is compared with its planned values.";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [SpecInput.UsageFileOption, EstimatingOptions.Catalog, EstimatingOptions.PriceBook, FailAbove, OutputFormats.Format<CostDiff>(), OutputFormats.Output];

    public override int Run(Arguments args, CliConsole console)
    {
        var percent = args.Get(FailAbove.Name)?.EndsWith('%') == true;
        var threshold = AnalysisOptions.Decimal(args, FailAbove.Name, 0m, 1e15m, percent: true);
        var first = args.Positional(0, "the before side (a plan, spec or saved JSON estimate)");
        if (args.Positionals.Count > 2)
        {
            throw new UsageException(DiagnosticCodes.UnexpectedArgument, $"diff compares two inputs; '{args.Positionals[2]}' is one too many");
        }

        var estimator = EstimatingOptions.CreateEstimator(args, console);
        ImmutableArray<SnapshotDeployment> before, after;
        if (args.Positionals.Count == 1)
        {
            before = Side(args, console, estimator, first, PlanSide.Prior);
            after = Side(args, console, estimator, first, PlanSide.Planned);
        }
        else
        {
            before = Side(args, console, estimator, first, PlanSide.Planned);
            after = Side(args, console, estimator, args.Positionals[1], PlanSide.Planned);
        }

        var diff = CostDiff.Between(before, after);
        OutputFormats.Write(diff, args, console);
        if (threshold is null)
        {
            return 0;
        }

        if (diff.Exceeds(threshold.Value, percent))
        {
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.GateIncreaseExceeded, null, $"the monthly cost rises by {Formats.MoneyWithSymbol(diff.Delta)}, above --fail-above {args.Get(FailAbove.Name)}"));
            return 1;
        }

        return 0;
    }

    private static ImmutableArray<SnapshotDeployment> Side(Arguments args, CliConsole console, Core.Pricing.Estimator estimator, string path, PlanSide side)
    {
        if (path != "-" && File.Exists(console.ResolvePath(path)) && IsSavedEstimate(console.ResolvePath(path)))
        {
            return SnapshotDeployment.ReadEstimateJson(File.ReadAllText(console.ResolvePath(path)), path);
        }

        var (input, _) = SpecInput.LoadInput(console, path, args, side);
        var bills = estimator.EstimateAll(input.Spec);
        return [.. bills.Select(SnapshotDeployment.Of)];
    }

    /// <summary>A saved estimate is our JSON (schemaVersion and deployments), not Terraform's (format_version).</summary>
    private static bool IsSavedEstimate(string full)
    {
        using var reader = new StreamReader(full);
        var head = new char[4096];
        var read = reader.ReadBlock(head, 0, head.Length);
        var text = new string(head, 0, read);
        return text.TrimStart().StartsWith('{') && text.Contains("\"schemaVersion\"", StringComparison.Ordinal) && !text.Contains("\"format_version\"", StringComparison.Ordinal);
    }
}
