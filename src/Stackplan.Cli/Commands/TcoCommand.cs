using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Analysis;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

public sealed class TcoCommand : Command
{
    private static readonly OptionSpec Years = new("years", "N", "the horizon in years (default: each scenario's 'years')");
    private static readonly OptionSpec Scenario = new("scenario", "NAME", "only these scenarios of analysis.tco (repeatable)", Repeatable: true);

    public override string Name => "tco";

    public override string Summary => "Multi-year total cost of ownership: on-prem against cloud, cumulative by year, payback month and saving.";

    public override string Usage => "<spec> [--years N] [--scenario NAME] [options]";

    public override string Details => "Scenarios come from the spec's analysis.tco section (docs/analyses.md); cloud run rates are the estimates of the deployments they name.";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [Years, Scenario, EstimatingOptions.Usage, EstimatingOptions.Catalog, AnalysisOptions.Format, EstimatingOptions.Output, Gates.Strict];

    public override int Run(Arguments args, CliConsole console)
    {
        var (spec, _) = SpecInput.Load(console, args.Positional(0, "spec file (a path, or - for standard input)"), args);
        var years = AnalysisOptions.Int(args, Years.Name, 1, 50);
        var scenarios = spec.Analysis.Tco;
        if (scenarios.IsEmpty)
        {
            throw new InputException(DiagnosticCodes.MissingKey, spec.Location, "the spec has no analysis.tco scenarios", "add 'analysis: tco: <name>: {onPrem: {...}, cloud: {...}}' (docs/analyses.md)");
        }

        var wanted = args.GetAll(Scenario.Name);
        foreach (var name in wanted.Where(n => scenarios.All(s => s.Name != n)))
        {
            throw new UsageException(DiagnosticCodes.UnknownName, $"the spec has no TCO scenario '{name}' (it has: {string.Join(", ", scenarios.Select(s => s.Name))})", Spelling.Suggest(name, scenarios.Select(s => s.Name)));
        }

        var estimator = EstimatingOptions.CreateEstimator(args, console);
        Gates.CheckSpec(spec, estimator, args, console);
        var usage = EstimatingOptions.UsageOverrides(spec, estimator, args);
        var bills = new List<Stackplan.Core.Pricing.Bill>();
        var results = scenarios.Where(s => wanted.Count == 0 || wanted.Contains(s.Name))
            .Select(s => Tco.Compute(s, estimator, spec, usage, years, bills.Add)).ToList();
        return AnalysisOptions.Render(TcoDocument.Build(spec.Name, results), bills, args, console);
    }
}
