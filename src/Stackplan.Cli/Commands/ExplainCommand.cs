using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

public sealed class ExplainCommand : Command
{
    public override string Name => "explain";

    public override string Summary => "Show how a figure was derived: a line item's formula, inputs and price source, a category's or the total's sum.";

    public override string Usage => "<spec> [FIGURE] --env E --option O";

    public override int MaxPositionals => 2;

    public override string Details =>
        "FIGURE is a line id (as listed by 'estimate --format json' or by explain with no FIGURE), a category\n" +
        "(compute, logs, ...) or 'total' (the default). Example:\n" +
        "  stackplan explain examples/nist-observability --env prod --option self-managed loki/log-chunks-in-s3";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [EstimatingOptions.Env, EstimatingOptions.Option, EstimatingOptions.Usage, SpecInput.UsageFileOption, SpecInput.WorkloadsOption, EstimatingOptions.Catalog, EstimatingOptions.PriceBook, OutputFormats.Format<Explanation>(), EstimatingOptions.Output];

    public override int Run(Arguments args, CliConsole console)
    {
        OutputFormats.Choose<Explanation>(args);
        var report = EstimatingOptions.BuildReport(args, console);
        if (report.Bills.Length != 1)
        {
            throw new UsageException(
                DiagnosticCodes.InvalidOptionValue, $"explain works on one deployment; this selection has {report.Bills.Length}: {string.Join(", ", report.Bills.Select(b => b.Deployment.Name))}",
                "narrow it with --env and --option");
        }

        var bill = report.Bills[0];
        var target = args.Positionals.Count > 1 ? args.Positionals[1] : "total";
        if (bill.FindLine(target) is null && !target.Equals("total", StringComparison.OrdinalIgnoreCase) && !Enum.TryParse<Category>(target, true, out _))
        {
            throw new UsageException(DiagnosticCodes.UnknownName, $"{bill.Deployment.Name} has no line '{target}'", Spelling.Suggest(target, bill.Lines.Select(l => l.Id)) ?? "run explain without a figure to list the lines");
        }

        var text = new StringWriter { NewLine = "\n" };
        Explainer.TryWrite(bill, target, text);
        OutputFormats.Write(new Explanation(bill.Deployment.Name, target, text.ToString()), args, console);
        return 0;
    }
}
