using Stackplan.Core.Compliance;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>The check as a document for people: verdict, failures with where to fix them, suppressions, then coverage.</summary>
public sealed partial class MarkdownRenderer
{
    private static void WriteCheck(CheckReport report, TextWriter o)
    {
        o.Write($"# {report.Spec.Name}: production readiness and NIST 800-53 coverage\n\n");
        o.Write($"Baseline {RuleText.Baseline(report.Baseline)}; failing at {ReadinessRules.SeverityName(report.FailOn)} or above; checked on {report.Today:yyyy-MM-dd}. ");
        o.Write(report.Passed ? "**Passed.**\n\n" : $"**Failed: {report.Blocking.Count()} finding(s) at or above {ReadinessRules.SeverityName(report.FailOn)}.**\n\n");
        o.Write("| Deployment | Failed | Suppressed | Passed | Controls covered |\n|---|---:|---:|---:|---|\n");
        foreach (var c in report.Coverage)
        {
            var mine = report.Findings.Where(f => f.Deployment == c.Deployment).ToList();
            o.Write($"| {c.Deployment} | {mine.Count(f => f.Status == FindingStatus.Failed)} | {mine.Count(f => f.Status == FindingStatus.Suppressed)} | {mine.Count(f => f.Status == FindingStatus.Passed)} | {RuleText.CoverageLine(c)} |\n");
        }

        o.Write('\n');
        WriteFindings(o, "Failures", report.Findings.Where(f => f.Status == FindingStatus.Failed).OrderByDescending(f => f.Rule.Severity));
        WriteFindings(o, "Suppressed", report.Findings.Where(f => f.Status == FindingStatus.Suppressed));
        if (!report.ExpiredSuppressions.IsEmpty)
        {
            o.Write("## Expired suppressions\n\nThese no longer suppress anything; renew them with a fresh justification or fix the spec.\n\n");
            foreach (var s in report.ExpiredSuppressions)
            {
                o.Write($"- {s.RuleId} expired {s.Expires:yyyy-MM-dd} ({s.Location}): {s.Justification}\n");
            }

            o.Write('\n');
        }

        foreach (var c in report.Coverage)
        {
            WriteCoverage(o, c);
        }
    }

    private static void WriteFindings(TextWriter o, string heading, IEnumerable<Finding> findings)
    {
        var list = findings.ToList();
        if (list.Count == 0)
        {
            return;
        }

        o.Write($"## {heading}\n\n| Rule | Severity | Deployment | Finding | Where | Fix |\n|---|---|---|---|---|---|\n");
        foreach (var f in list)
        {
            o.Write($"| [{f.Rule.Id}]({RuleText.DocPath(f.Rule)}) {f.Rule.Name} | {ReadinessRules.SeverityName(f.Rule.Severity)} | {f.Deployment} | {Cell(RuleText.Message(f))} | {f.Location} | {Cell(f.Rule.Remediation)} |\n");
        }

        o.Write('\n');
    }

    private static void WriteCoverage(TextWriter o, Coverage c)
    {
        o.Write($"## {c.Deployment}: NIST SP 800-53 {RuleText.Baseline(c.Baseline)} coverage\n\n{RuleText.CoverageLine(c)}; {c.Organisational.Length} controls are left to other parts of the organisation (policy, people, premises, suppliers).\n\n");
        o.Write("| Control | Title | Addressed by |\n|---|---|---|\n");
        foreach (var covered in c.Covered)
        {
            o.Write($"| {covered.Control.Id} | {Cell(covered.Control.Title)} | {Cell(string.Join("; ", covered.Evidence))} |\n");
        }

        o.Write('\n');
        if (!c.Missing.IsEmpty)
        {
            o.Write($"Not addressed here, though the platform could: {string.Join(", ", c.Missing.Select(m => m.Id))}.\n\n");
        }
    }
}
