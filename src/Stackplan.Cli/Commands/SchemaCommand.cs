using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli.Commands;

public sealed class SchemaCommand : Command
{
    public const string ResourceName = "data/schema/platform-spec.schema.json";

    public override string Name => "schema";

    public override bool ReadsEmbeddedData => false;

    public override string Summary => "Print the JSON Schema of the spec format, for editors to validate and complete specs.";

    public override string Usage => "[-o FILE]";

    public override int MaxPositionals => 0;

    public override string Details =>
        "With the YAML extension for VS Code, put this first line in a spec:\n" +
        "  # yaml-language-server: $schema=./platform-spec.schema.json\n" +
        "after 'stackplan schema -o platform-spec.schema.json'.";

    public override IReadOnlyList<OptionSpec> Options { get; } = [EstimatingOptions.Output];

    public override int Run(Arguments args, CliConsole console)
    {
        if (args.Positionals.Count > 0)
        {
            throw new UsageException(DiagnosticCodes.UnexpectedArgument, $"schema takes no arguments, not '{args.Positionals[0]}'");
        }

        OutputTarget.WriteText(console, args.Get("output"), w => w.Write(EmbeddedData.Read(ResourceName)));
        return 0;
    }
}
