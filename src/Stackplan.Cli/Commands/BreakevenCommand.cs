using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Analysis;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

public sealed class BreakevenCommand : Command
{
    private static readonly OptionSpec Vary = new("vary", "KEY", "the usage key to vary (required)");
    private static readonly OptionSpec Between = new("between", "A B", "two options, two deployments (prod/self-managed prod-aws/aws-managed), or two components or component sets (loki cloudwatch-logs; prometheus+grafana managed-prometheus+managed-grafana)", Repeatable: true);
    private static readonly OptionSpec From = new("from", "X", "start of the range (default 0)");
    private static readonly OptionSpec To = new("to", "Y", "end of the range (default 10 x the key's high value)");
    private static readonly OptionSpec Steps = new("steps", "N", "intervals in the reported curve (default 20)");
    private static readonly OptionSpec WithNodes = new("with-nodes", null, "components: add each one's CPU share of the node lines, as migrate does");

    public override string Name => "breakeven";

    public override string Summary => "Find the usage value at which two options, or two components, cost the same.";

    public override string Usage => "<spec> --vary KEY --between A B [--env E] [--from X --to Y] [options]";

    /// <summary>The spec, and the two sides when written `--between A B`.</summary>
    public override int MaxPositionals => 3;

    public override string Details =>
        "Options compare one environment whole under each; components compare just those components' line items,\n" +
        "each in the first compared deployment that has it (or in --env under each option).";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [Vary, Between, EstimatingOptions.Env, From, To, Steps, WithNodes, EstimatingOptions.Usage, EstimatingOptions.Catalog, AnalysisOptions.Format, EstimatingOptions.Output, Gates.Strict];

    public override int Run(Arguments args, CliConsole console)
    {
        var (spec, _) = SpecInput.Load(console, args.Positional(0, "spec file (a path, or - for standard input)"), args);
        var names = args.GetAll(Between.Name).SelectMany(b => b.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Concat(args.Positionals.Skip(1)).ToList();
        if (names.Count != 2)
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--between takes two options or two components, got {names.Count}", "e.g. --between loki cloudwatch-logs");
        }

        var key = args.Get(Vary.Name) ?? throw new UsageException(DiagnosticCodes.MissingArgument, "--vary KEY is required: the usage key to vary");
        var estimator = EstimatingOptions.CreateEstimator(args, console);
        Gates.CheckSpec(spec, estimator, args, console);
        AnalysisOptions.RequireUsageKey(key, AnalysisOptions.UsageKeys(spec, estimator), "--vary", spec);
        var usage = EstimatingOptions.UsageOverrides(spec, estimator, args);
        // Like for like: a whole deployment against a single component would compare a platform with one of its parts.
        bool IsDeployment(string name) => spec.FindOption(name) is not null || (name.Split('/') is [var e, var o] && spec.FindEnvironment(e) is not null && spec.FindOption(o) is not null);
        if (IsDeployment(names[0]) != IsDeployment(names[1]))
        {
            var (option, component) = IsDeployment(names[0]) ? (names[0], names[1]) : (names[1], names[0]);
            throw new UsageException(DiagnosticCodes.ConflictingOptions, $"--between compares two options (deployments) or two components, not option '{option}' with component '{component}'");
        }

        var a = Side(spec, estimator, usage, names[0], key, args);
        var b = Side(spec, estimator, usage, names[1], key, args);
        if (a.Evaluator.DependentLineIds.IsEmpty && b.Evaluator.DependentLineIds.IsEmpty)
        {
            throw new UsageException(DiagnosticCodes.ConflictingOptions, $"neither {names[0]} nor {names[1]} reads '{key}': both costs are flat in it, so there is no break-even to find", "vary a usage key one of the two sides reads");
        }

        var from = AnalysisOptions.Decimal(args, From.Name) ?? 0m;
        var high = new[] { a, b }.Select(s => s.Evaluator.Model.SlotOf.TryGetValue(key, out var slot) ? s.Evaluator.Model.Variables[slot].Value.High : 0m).Max();
        var to = AnalysisOptions.Decimal(args, To.Name) ?? Math.Max(from + 1m, high * 10m);
        if (to <= from)
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"the range {from}..{to} is empty or reversed: --to must be above --from");
        }

        var steps = AnalysisOptions.Int(args, Steps.Name, 1, SweepAxis.MaxSteps) ?? 20;
        return AnalysisOptions.Render(BreakEvenDocument.Build(BreakEven.Find(key, a, b, from, to, steps)), [a.Evaluator.Model, b.Evaluator.Model], args, console);
    }

    private static CostSide Side(PlatformSpec spec, Estimator estimator, IReadOnlyDictionary<string, ValueRange> usage, string name, string key, Arguments args)
    {
        if (spec.FindOption(name) is not null)
        {
            var target = new DeploymentRef(AnalysisOptions.Environment(spec, args), name, spec.Location);
            return new CostSide(name, target.ToString(), ScenarioEvaluator.Create(estimator.Compile(spec, target, usage), [key]));
        }

        // A whole deployment, environment/option: how seed 000 sets its AWS column (its own
        // environment, with smaller nodes) against self-managed prod.
        if (name.Split('/') is [var env, var option] && spec.FindEnvironment(env) is not null && spec.FindOption(option) is not null)
        {
            var target = new DeploymentRef(env, option, spec.Location);
            return new CostSide(name, target.ToString(), ScenarioEvaluator.Create(estimator.Compile(spec, target, usage), [key]));
        }

        // A side may be a set of components joined by '+' (prometheus+grafana vs managed-prometheus+managed-grafana).
        var ids = name.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var id in ids.Where(id => estimator.Catalog.Find(id) is null))
        {
            var known = spec.Options.Select(o => o.Name).Concat(estimator.Catalog.Ids);
            throw new UsageException(DiagnosticCodes.UnknownName, $"'{id}' is neither an option of the spec nor a catalog component", Spelling.Suggest(id, known));
        }

        var candidates = args.Has(EstimatingOptions.Env.Name)
            ? spec.Options.Select(o => new DeploymentRef(AnalysisOptions.Environment(spec, args), o.Name, spec.Location))
            : spec.DeploymentsToCompare().Concat(spec.Environments.SelectMany(e => spec.Options.Select(o => new DeploymentRef(e.Name, o.Name, spec.Location))));
        foreach (var target in candidates)
        {
            var model = estimator.Compile(spec, target, usage);
            if (ids.All(id => model.Deployment.Components.Any(c => c.Id == id)))
            {
                // Pods run on the nodes, whose lines belong to no component: with --with-nodes the
                // components carry their CPU share of them, re-sized at each value of the key.
                var share = new NodeShare(model, ids, key);
                var counted = args.Has(WithNodes.Name);
                return new CostSide(name, target.ToString(), ScenarioEvaluator.Create(model, [key], line => ids.Contains(line.Component)), counted ? share : null, counted ? null : share);
            }
        }

        throw new UsageException(DiagnosticCodes.UnknownName, $"no deployment of the spec uses {(ids.Length == 1 ? "component" : "all of the components")} '{name}'" + (args.Has(EstimatingOptions.Env.Name) ? " in that environment" : ""), "bind it to a capability in an option, or pick another --env");
    }
}
