using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Analysis;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

public sealed class MigrateCommand : Command
{
    private static readonly OptionSpec From = new("from", "OPTION|ENV/OPTION", "the deployment today: an option (with --env) or environment/option");
    private static readonly OptionSpec To = new("to", "OPTION|ENV/OPTION", "the deployment to move to");

    public override string Name => "migrate";

    public override string Summary => "Plan a move per capability: replace, keep or conditional (with its break-even), saving, effort, risk and phases.";

    public override string Usage => "<spec> --from OPTION --to OPTION [--env E] [options]";

    public override string Details => "Effort and risk come from the spec's analysis.migration section, else from the catalog's setup rating (docs/analyses.md).";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [From, To, EstimatingOptions.Env, EstimatingOptions.Usage, EstimatingOptions.Catalog, AnalysisOptions.Format, EstimatingOptions.Output, Gates.Strict];

    public override int Run(Arguments args, CliConsole console)
    {
        var (spec, _) = SpecInput.Load(console, args.Positional(0, "spec file (a path, or - for standard input)"), args);
        var from = Target(spec, args, From.Name);
        var to = Target(spec, args, To.Name);
        if (from == to)
        {
            throw new UsageException(DiagnosticCodes.ConflictingOptions, $"--from and --to are the same deployment ({from})");
        }

        var estimator = EstimatingOptions.CreateEstimator(args, console);
        Gates.CheckSpec(spec, estimator, args, console);
        var usage = EstimatingOptions.UsageOverrides(spec, estimator, args);
        var models = new[] { estimator.Compile(spec, from, usage), estimator.Compile(spec, to, usage) };
        var plan = Migration.Plan(models[0], models[1], spec.Analysis);
        return AnalysisOptions.Render(MigrationDocument.Build(plan), models, args, console);
    }

    private static DeploymentRef Target(PlatformSpec spec, Arguments args, string option)
    {
        var text = args.Get(option) ?? throw new UsageException(DiagnosticCodes.MissingArgument, $"--{option} is required");
        var (env, name) = text.Split('/') is [var e, var o] ? (e, o) : (AnalysisOptions.Environment(spec, args), text);
        if (spec.FindEnvironment(env) is null)
        {
            throw new UsageException(DiagnosticCodes.UnknownName, $"--{option}: the spec has no environment '{env}' (it has: {string.Join(", ", spec.Environments.Select(x => x.Name))})", Spelling.Suggest(env, spec.Environments.Select(x => x.Name)));
        }

        if (spec.FindOption(name) is null)
        {
            throw new UsageException(DiagnosticCodes.UnknownName, $"--{option}: the spec has no option '{name}' (it has: {string.Join(", ", spec.Options.Select(x => x.Name))})", Spelling.Suggest(name, spec.Options.Select(x => x.Name)));
        }

        return new DeploymentRef(env, name, spec.Location);
    }
}
