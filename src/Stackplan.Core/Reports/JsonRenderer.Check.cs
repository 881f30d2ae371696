using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Compliance;

namespace Stackplan.Core.Reports;

/// <summary>The stable JSON shape of <c>check</c> (docs/compliance.md), written field by field like a comparison.</summary>
public sealed partial class JsonRenderer
{
    private static void WriteCheck(CheckReport report, Stream output)
    {
        using var json = Open(output);
        json.WriteStartObject("spec");
        json.WriteString("name", report.Spec.Name);
        json.WriteString("file", report.Spec.Location.File);
        json.WriteEndObject();
        json.WriteString("baseline", RuleText.Baseline(report.Baseline));
        json.WriteString("failOn", ReadinessRules.SeverityName(report.FailOn));
        json.WriteString("today", report.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteBoolean("passed", report.Passed);
        json.WriteStartObject("summary");
        json.WriteNumber("blocking", report.Blocking.Count());
        foreach (var status in Enum.GetValues<FindingStatus>())
        {
            json.WriteNumber(RuleText.StatusKey(status), report.Count(status));
        }

        json.WriteEndObject();
        json.WriteStartArray("deployments");
        foreach (var coverage in report.Coverage)
        {
            var d = coverage.Deployment;
            json.WriteStartObject();
            json.WriteString("environment", d.Environment);
            json.WriteString("option", d.Option);
            json.WriteStartArray("findings");
            foreach (var f in report.Findings.Where(f => f.Deployment == d && f.Status != FindingStatus.NotApplicable))
            {
                WriteFinding(json, f);
            }

            json.WriteEndArray();
            WriteCoverage(json, coverage, withEvidence: true);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("expiredSuppressions");
        foreach (var s in report.ExpiredSuppressions)
        {
            json.WriteStartObject();
            json.WriteString("rule", s.RuleId);
            json.WriteString("expires", s.Expires?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("justification", s.Justification);
            WriteLocation(json, s.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The <c>compliance</c> object of one deployment, shared with compare's JSON:
    /// {baseline, covered, addressable, total, missing: [ids]}, and with evidence per covered control for check.
    /// </summary>
    public static void WriteCoverage(Utf8JsonWriter json, Coverage coverage, bool withEvidence)
    {
        json.WriteStartObject("compliance");
        json.WriteString("baseline", RuleText.Baseline(coverage.Baseline));
        json.WriteNumber("covered", coverage.Covered.Length);
        json.WriteNumber("addressable", coverage.Addressable);
        json.WriteNumber("total", coverage.Total);
        json.WriteStrings("missing", coverage.Missing.Select(c => c.Id));
        if (withEvidence)
        {
            json.WriteStartArray("coveredBy");
            foreach (var c in coverage.Covered)
            {
                json.WriteStartObject();
                json.WriteString("control", c.Control.Id);
                json.WriteString("title", c.Control.Title);
                json.WriteStrings("evidence", c.Evidence.Select(e => e.ToString()));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.Rule.Id);
        json.WriteString("name", f.Rule.Name);
        json.WriteString("severity", ReadinessRules.SeverityName(f.Rule.Severity));
        json.WriteString("status", RuleText.StatusKey(f.Status));
        if (f.Message is not null)
        {
            json.WriteString("message", f.Message);
        }

        WriteLocation(json, f.Location);
        json.WriteStrings("controls", f.Rule.Controls);
        json.WriteString("doc", RuleText.DocPath(f.Rule));
        if (f.SuppressedBy is { } s)
        {
            json.WriteStartObject("suppression");
            json.WriteString("justification", s.Justification);
            json.WriteString("expires", s.Expires?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        if (f.ExpiredSuppression is { } expired)
        {
            json.WriteString("expiredSuppression", expired.Expires?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, SourceLocation at)
    {
        json.WriteStartObject("location");
        json.WriteString("file", at.File);
        json.WriteNumber("line", at.Line);
        json.WriteNumber("column", at.Column);
        json.WriteEndObject();
    }
}
