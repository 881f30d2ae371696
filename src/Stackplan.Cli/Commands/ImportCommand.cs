using Stackplan.Core.Inputs.Terraform;
using Stackplan.Core.Model;

namespace Stackplan.Cli.Commands;

/// <summary><c>stackplan import terraform PLAN -o platform.yaml</c>: a plan or state written as an equivalent Stackplan spec.</summary>
public sealed class ImportCommand : Command
{
    public override string Name => "import";

    public override string Summary => "Write a Terraform plan or state (terraform show -json) as an equivalent Stackplan spec to keep editing.";

    public override string Usage => "terraform <plan.json> [-o platform.yaml] [options]";

    public override int MaxPositionals => 2;

    public override string Details =>
        "Each priced resource becomes line items carrying its address and price-book key; free and unsupported resource types are listed. 'stackplan estimate' of the written spec prices as the plan does.";

    public override IReadOnlyList<OptionSpec> Options { get; } = [SpecInput.UsageFileOption, OutputFormats.Output];

    public override int Run(Arguments args, CliConsole console)
    {
        var kind = args.Positional(0, "what to import (terraform)");
        if (kind != "terraform")
        {
            throw new UsageException(DiagnosticCodes.UnknownCommand, $"stackplan imports 'terraform' plans, not '{kind}'", "stackplan import terraform plan.json -o platform.yaml");
        }

        var path = args.Positional(1, "the plan or state JSON (terraform show -json)");
        if (args.Positionals.Count > 2)
        {
            throw new UsageException(DiagnosticCodes.UnexpectedArgument, $"import takes one plan; '{args.Positionals[2]}' is one too many");
        }

        var (input, shown) = SpecInput.LoadInput(console, path, args, PlanSide.Planned);
        if (input.Charges.IsEmpty && input.Spec.Environments.All(e => e.Name != TerraformImporter.EnvironmentName))
        {
            throw new UsageException(DiagnosticCodes.InvalidPlan, $"'{shown}' is a Stackplan spec already, not a Terraform plan");
        }

        OutputTarget.WriteText(console, args.Get(OutputFormats.Output.Name), w => ImportedSpecWriter.Write(input, w));
        return 0;
    }
}
