using System.Text.Json;
using Stackplan.Core.Compliance;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>
/// SARIF 2.1.0 for code-scanning tools: every rule's metadata in the driver, one result per
/// failed or suppressed finding, each pointing at the spec line where the fix belongs.
/// </summary>
public sealed class SarifRenderer : Renderer
{
    public const string Version = "2.1.0";
    public const string Schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public SarifRenderer()
        : base(new("sarif", [".sarif", ".sarif.json"], "application/sarif+json", "SARIF 2.1.0 for code-scanning tools")) => Add<CheckReport>((report, _, output) => WriteCheck(report, output));

    private static void WriteCheck(CheckReport report, Stream output)
    {
        using var json = JsonWriting.CreateWriter(output);
        var rules = ReadinessRules.All;
        json.WriteStartObject();
        json.WriteString("$schema", Schema);
        json.WriteString("version", Version);
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "stackplan");
        json.WriteString("informationUri", RuleText.DocsBaseUri + "docs/compliance.md");
        json.WriteString("version", typeof(SarifRenderer).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(json, rule);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var f in report.Findings.Where(f => f.Status is FindingStatus.Failed or FindingStatus.Suppressed))
        {
            WriteResult(json, f, rules.IndexOf(f.Rule));
        }

        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteString("baseline", RuleText.Baseline(report.Baseline));
        json.WriteString("failOn", ReadinessRules.SeverityName(report.FailOn));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>SARIF has three levels; critical and high both stop a merge, so both are errors.</summary>
    public static string Level(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Critical or RuleSeverity.High => "error",
        RuleSeverity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub code scanning ranks security results by this score (its documented bands: 9+ critical, 7+ high, 4+ medium).</summary>
    private static string SecuritySeverity(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Critical => "9.5",
        RuleSeverity.High => "8.0",
        RuleSeverity.Medium => "5.5",
        _ => "3.0",
    };

    private static void WriteRule(Utf8JsonWriter json, ReadinessRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Name);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", $"{rule.Title}. Applies to: {RuleText.Tiers(rule)}. NIST SP 800-53: {string.Join(", ", rule.Controls)}.");
        json.WriteEndObject();
        json.WriteString("helpUri", RuleText.HelpUri(rule));
        json.WriteStartObject("help");
        json.WriteString("text", rule.Remediation);
        json.WriteString("markdown", rule.Remediation);
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("severity", ReadinessRules.SeverityName(rule.Severity));
        json.WriteString("security-severity", SecuritySeverity(rule.Severity));
        json.WriteStrings("tiers", rule.Tiers);
        json.WriteStrings("nist", rule.Controls);
        json.WriteStartArray("tags");
        json.WriteStringValue("security");
        json.WriteStringValue("production-readiness");
        foreach (var control in rule.Controls)
        {
            json.WriteStringValue("NIST-800-53-" + control);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding f, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.Rule.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(f.Rule.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", RuleText.Describe(f));
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ArtifactUri(f.Location.File));
        if (!Path.IsPathRooted(f.Location.File))
        {
            json.WriteString("uriBaseId", "%SRCROOT%");
        }

        json.WriteEndObject();
        if (f.Location.Line > 0)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", f.Location.Line);
            json.WriteNumber("startColumn", Math.Max(1, f.Location.Column));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        // Stable across runs and line moves: the same rule failing on the same deployment is the same result.
        json.WriteString("stackplanFinding/v1", $"{f.Rule.Id}:{f.Deployment}");
        json.WriteEndObject();
        if (f.SuppressedBy is { } s)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "inSource");
            json.WriteString("justification", s.Justification);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("deployment", f.Deployment.ToString());
        json.WriteString("severity", ReadinessRules.SeverityName(f.Rule.Severity));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A relative URI with forward slashes, as code-scanning tools resolve against the repository root.</summary>
    private static string ArtifactUri(string file)
    {
        var path = file.Replace('\\', '/');
        if (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return Path.IsPathRooted(file) ? new Uri(file).AbsoluteUri : Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal);
    }
}
