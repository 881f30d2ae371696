using Stackplan.Core.Analysis;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli.Commands;

/// <summary>stackplan size: the cheapest fitting instance type and count per node group, and the spec with them written in.</summary>
public sealed class SizeCommand : Command
{
    private static readonly OptionSpec WriteSpec = new("write-spec", "FILE", "write a copy of the spec with the proposals applied (only the instanceType, count and max values change; comments and layout stay)");

    public override string Name => "size";

    public override string Summary => "Propose, per node group, the cheapest instance type and count from the price book that holds its pods, with the monthly saving.";

    public override string Usage => "<spec> [--write-spec FILE] [options]";

    public override string Details =>
        "Candidates share the declared type's CPU architecture and GPUs and have a price in the deployment's region for the group's capacity (types without one are skipped, never priced at zero), ranked with the prices the estimate uses (the spec's own prices and discounts too). "
        + "A type the provider does not take for the pool is left out (an AKS system pool needs 2 vCPUs and 4 GB and no B-series; GKE takes no f1-micro). "
        + "A fixed group holds its pods at the high usage and keeps one node per zone it declared; an autoscaling group keeps its min and grows its max to the high usage's need. "
        + "The saving is the deployment's expected monthly total before and after, as compare prints it (docs/size.md).";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [WriteSpec, EstimatingOptions.Env, EstimatingOptions.Option, EstimatingOptions.Usage, EstimatingOptions.Catalog, EstimatingOptions.PriceBook, OutputFormats.Format<SizingProposals>(), EstimatingOptions.Output, Gates.Strict];

    public override int Run(Arguments args, CliConsole console)
    {
        OutputFormats.Choose<SizingProposals>(args);
        var (spec, path, text) = SpecInput.LoadWithText(console, args.Positional(0, "spec file (a path, or - for standard input)"), args);
        var estimator = EstimatingOptions.CreateEstimator(args, console);
        Gates.CheckSpec(spec, estimator, args, console);
        var usage = EstimatingOptions.UsageOverrides(spec, estimator, args);
        var proposals = NodeRecommender.Propose(estimator, spec, EstimatingOptions.Targets(spec, args), usage);
        OutputFormats.Write(proposals, args, console);
        if (args.Get(WriteSpec.Name) is { } target)
        {
            var edits = proposals.Groups.Where(p => p.Changes).SelectMany(p => p.Edits.Select(e => (Proposal: p, Edit: e))).ToList();
            var (patched, notApplied) = SpecPatch.Apply(text, path, edits.Select(e => e.Edit));
            foreach (var (proposal, edit) in edits.Where(e => notApplied.Contains(e.Edit)))
            {
                console.Error.WriteLine(new Diagnostic(DiagnosticCodes.ProposalNotWritten, edit.At, $"{proposal.Deployment} {proposal.Group}: '{edit.Old}' -> '{edit.New}' was not written to '{target}'", "another deployment changes the same line, or the value is not written in the spec itself; make the change by hand"));
            }

            OutputTarget.WriteText(console, target, w => w.Write(patched));
        }

        return 0;
    }
}
