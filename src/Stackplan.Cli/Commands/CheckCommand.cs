using Stackplan.Core.Model;
using System.Globalization;
using Stackplan.Core.Parsing;
using Stackplan.Core.Resolve;
using Stackplan.Core.Compliance;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

public sealed class CheckCommand : Command
{
    public static readonly OptionSpec Baseline = new("baseline", "LEVEL", "NIST SP 800-53 baseline to measure coverage against: low, moderate, high (default moderate)") { Choices = ["low", "moderate", "high"] };
    private static readonly OptionSpec FailOn = new("fail-on", "SEVERITY", "exit 1 when a rule of this severity or above fails: low, medium, high, critical (default high)") { Choices = ["low", "medium", "high", "critical"] };
    private static readonly OptionSpec Today = new("today", "YYYY-MM-DD", "the date suppressions' expiry is judged against (default: today, UTC)");
    private static readonly OptionSpec Rule = new("rule", "ID", "only these rules (repeatable), e.g. SP1003", Repeatable: true);

    public override string Name => "check";

    public override string Summary => "Check production readiness and NIST 800-53 coverage; exit 1 when a rule at or above --fail-on fails.";

    public override string Usage => "<spec> [options]";

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [EstimatingOptions.Env, EstimatingOptions.Option, EstimatingOptions.Catalog, Baseline, FailOn, Rule, Today, OutputFormats.Format<CheckReport>(), EstimatingOptions.Output];

    public override string Details =>
        "Rules (docs/rules/<ID>.md) read the environments' settings and policies; suppressions in the spec need a justification and stop applying after their 'expires' date.";

    public override int Run(Arguments args, CliConsole console)
    {
        OutputFormats.Choose<CheckReport>(args);
        var baseline = ParseBaseline(args.Get(Baseline.Name) ?? "moderate");
        var failOn = ReadinessRules.TryParseSeverity(args.Get(FailOn.Name) ?? "high")
            ?? throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--fail-on must be one of low, medium, high, critical, not '{args.Get(FailOn.Name)}'", Spelling.Suggest(args.Get(FailOn.Name)!, ["low", "medium", "high", "critical"]));
        var today = ParseToday(args.Get(Today.Name));
        var rules = SelectRules(args.GetAll(Rule.Name));

        var (spec, _) = SpecInput.Load(console, args.Positional(0, "spec file (a path, or - for standard input)"), args);
        var catalog = EmbeddedData.Catalog(SpecInput.CatalogFiles(console, args.GetAll(EstimatingOptions.Catalog.Name)).ToList());
        var deployments = EstimatingOptions.Targets(spec, args).Select(t => Resolver.Resolve(spec, catalog, t)).ToList();
        var report = Checker.Check(spec, deployments, new CoverageCalculator(ControlSet.Embedded, catalog), baseline, failOn, today, rules);

        OutputFormats.Write(report, args, console);

        foreach (var s in report.ExpiredSuppressions)
        {
            console.Error.WriteLine(new Diagnostic(DiagnosticCodes.ExpiredSuppression, s.Location, $"the suppression of {s.RuleId} expired on {s.Expires:yyyy-MM-dd} and no longer applies"));
        }

        return report.Passed ? 0 : 1;
    }

    public static Core.Compliance.Baseline ParseBaseline(string text) =>
        ControlSet.TryParseBaseline(text)
        ?? throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--baseline must be one of low, moderate, high, not '{text}'", Spelling.Suggest(text, ["low", "moderate", "high"]));

    private static DateOnly ParseToday(string? text)
    {
        if (text is null)
        {
            // The one place a clock is read: Core stays deterministic and tests pass --today.
            return DateOnly.FromDateTime(DateTime.UtcNow);
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--today must be a date written YYYY-MM-DD, not '{text}'");
    }

    private static IReadOnlyList<ReadinessRule> SelectRules(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return ReadinessRules.All;
        }

        var known = ReadinessRules.All.Select(r => r.Id).ToList();
        return [.. ids.Select(id => ReadinessRules.Find(id) ?? throw new UsageException(DiagnosticCodes.UnknownName, $"no rule '{id}'", Spelling.Suggest(id, known) ?? "the rules are " + string.Join(", ", known)))];
    }
}
