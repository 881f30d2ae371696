using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

/// <summary>`stackplan report`: the decision document, one per spec, as Markdown or one HTML page (docs/report.md).</summary>
public sealed class ReportCommand : Command
{
    private static readonly OptionSpec Sections = new("sections", "IDS", $"only these sections, comma-separated or repeated: {string.Join(", ", DecisionDocumentBuilder.SectionIds)}", Repeatable: true);
    private static readonly OptionSpec Date = new("date", "YYYY-MM-DD", "print this date in the footer and judge suppressions against it (default: no date, suppressions judged on the price book's date)");
    private static readonly OptionSpec From = new("from", "ENV/OPTION", "the migration's start (default: the first compared deployment); used when the spec has analysis.migration");
    private static readonly OptionSpec To = new("to", "ENV/OPTION", "the migration's end (default: the last compared deployment)");

    public override string Name => "report";

    public override string Summary => "Write the decision document: summary, costs with charts, capabilities, architecture, matrix, readiness, assumptions.";

    public override string Usage => "<spec> [--format markdown|html] [-o FILE] [--sections ...] [options]";

    public override string Details =>
        "Sections follow the seeds' order of thought; the spec's analysis section adds TCO and migration.\n" +
        "The output has no clock unless --date is given, so a report is byte-identical across runs. Example:\n" +
        "  stackplan report examples/nist-observability -o report.html";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [EstimatingOptions.Env, EstimatingOptions.Option, EstimatingOptions.Usage, SpecInput.UsageFileOption, SpecInput.WorkloadsOption, EstimatingOptions.Catalog, EstimatingOptions.PriceBook, CheckCommand.Baseline, Sections, Date, From, To, OutputFormats.Format<DecisionDocument>(), EstimatingOptions.Output];

    public override int Run(Arguments args, CliConsole console)
    {
        OutputFormats.Choose<DecisionDocument>(args);
        SystemCrypto.Require("the report's reproducibility footer (the spec's SHA-256)");
        var sections = args.GetAll(Sections.Name).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var s in sections.Where(s => !DecisionDocumentBuilder.SectionIds.Contains(s)))
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--sections: no section '{s}' (the sections are {string.Join(", ", DecisionDocumentBuilder.SectionIds)})", Spelling.Suggest(s, DecisionDocumentBuilder.SectionIds));
        }

        var date = args.Get(Date.Name) is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--date must be a date written YYYY-MM-DD, not '{text}'")
            : (DateOnly?)null;
        var baseline = CheckCommand.ParseBaseline(args.Get(CheckCommand.Baseline.Name) ?? "moderate");
        var (spec, _, specText) = SpecInput.LoadWithText(console, args.Positional(0, "spec file (a path, or - for standard input)"), args);
        var estimator = EstimatingOptions.CreateEstimator(args, console);
        var usage = EstimatingOptions.UsageOverrides(spec, estimator, args);
        var today = date ?? (DateOnly.TryParseExact(estimator.Prices.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf) ? asOf : DateOnly.MinValue);
        var inputs = new DecisionInputs(spec, specText, estimator, EstimatingOptions.Targets(spec, args), usage, baseline, today,
            date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.1.0",
            Deployment(spec, args, From.Name), Deployment(spec, args, To.Name));
        var document = DecisionDocumentBuilder.Build(inputs, sections, out var comparison);
        OutputFormats.Write(document, args, console);
        EstimatingOptions.WarnAboutMissingPrices(comparison, console);
        return 0;
    }

    private static DeploymentRef? Deployment(PlatformSpec spec, Arguments args, string option)
    {
        if (args.Get(option) is not { } text)
        {
            return null;
        }

        if (text.Split('/') is not [var env, var name] || spec.FindEnvironment(env) is null || spec.FindOption(name) is null)
        {
            throw new UsageException(DiagnosticCodes.UnknownName, $"--{option} takes ENVIRONMENT/OPTION of the spec, not '{text}'", "e.g. " + spec.DeploymentsToCompare()[0]);
        }

        return new DeploymentRef(env, name, spec.Location);
    }
}
