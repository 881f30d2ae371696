using Stackplan.Core.Compliance;

namespace Stackplan.Cli.Commands;

public sealed class EstimateCommand : Command
{
    public override string Name => "estimate";

    public override string Summary => "Price each deployment line by line: quantity x unit price = monthly cost, with every price's source.";

    public override string Usage => "<spec> [options]";

    public override IReadOnlyList<OptionSpec> Options { get; } = EstimatingOptions.Common;

    public override string Details => "Deployments are those the spec lists under 'compare' (or every environment x option); --env and --option narrow them.";

    public override int Run(Arguments args, CliConsole console)
    {
        OutputFormats.Choose<Core.Reports.EstimateReport>(args);
        var report = EstimatingOptions.BuildReport(args, console);
        EstimatingOptions.Render(report, args, console);
        return Gates.Apply(report, args, console);
    }
}

public sealed class CompareCommand : Command
{
    public override string Name => "compare";

    public override string Summary => "Compare deployments side by side: totals, ranges, pods, nodes and cost per category.";

    public override string Usage => "<spec> [options]";

    public override IReadOnlyList<OptionSpec> Options { get; } = [.. EstimatingOptions.Common, CheckCommand.Baseline, DecisionMatrixOutput.Matrix];

    public override int Run(Arguments args, CliConsole console)
    {
        OutputFormats.Choose<Core.Reports.EstimateReport>(args);
        var baseline = CheckCommand.ParseBaseline(args.Get(CheckCommand.Baseline.Name) ?? "moderate");
        var report = EstimatingOptions.BuildReport(args, console, out var estimator);
        var coverage = new CoverageCalculator(ControlSet.Embedded, estimator.Catalog);
        report = report with { Compliance = [.. report.Bills.Select(b => coverage.Measure(b.Deployment, baseline))] };
        EstimatingOptions.Render(DecisionMatrixOutput.Add(report, args), args, console, brief: true);

        return Gates.Apply(report, args, console);
    }
}
