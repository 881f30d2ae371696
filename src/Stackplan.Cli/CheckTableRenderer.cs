using Stackplan.Core.Compliance;
using Stackplan.Core.Reports;

namespace Stackplan.Cli;

/// <summary>The check for a terminal: one block per deployment, failures first, then the verdict.</summary>
public static class CheckTableRenderer
{
    public static void Write(CheckReport report, TextWriter o, bool color)
    {
        string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
        o.WriteLine($"{report.Spec.Name}: {report.Findings.Length} checks, baseline {RuleText.Baseline(report.Baseline)}, fail on {ReadinessRules.SeverityName(report.FailOn)}, {report.Today:yyyy-MM-dd}");
        foreach (var coverage in report.Coverage)
        {
            o.WriteLine();
            o.WriteLine(Paint(coverage.Deployment.ToString(), "1"));
            var findings = report.Findings.Where(f => f.Deployment == coverage.Deployment && f.Status is FindingStatus.Failed or FindingStatus.Suppressed)
                .OrderBy(f => f.Status).ThenByDescending(f => f.Rule.Severity).ThenBy(f => f.Rule.Id, StringComparer.Ordinal);
            foreach (var f in findings)
            {
                var blocking = f.Status == FindingStatus.Failed && f.Rule.Severity >= report.FailOn;
                var status = f.Status == FindingStatus.Suppressed ? "skip" : blocking ? Paint("FAIL", "31;1") : Paint("warn", "33");
                o.WriteLine($"  {status}  {f.Rule.Id}  {ReadinessRules.SeverityName(f.Rule.Severity),-8}  {f.Rule.Name,-26}  {f.Location}");
                o.WriteLine($"        {RuleText.Message(f)}");
            }

            var passed = report.Findings.Count(f => f.Deployment == coverage.Deployment && f.Status == FindingStatus.Passed);
            o.WriteLine($"  {passed} passed; controls: {CheckMarkdownRenderer.CoverageLine(coverage)}");
            if (!coverage.Missing.IsEmpty)
            {
                o.WriteLine($"  not addressed: {string.Join(", ", coverage.Missing.Select(c => c.Id))}");
            }
        }

        foreach (var s in report.ExpiredSuppressions)
        {
            o.WriteLine();
            o.WriteLine(Paint($"expired suppression: {s.RuleId} ({s.Location}) expired {s.Expires:yyyy-MM-dd} and no longer applies", "33"));
        }

        o.WriteLine();
        var blockingCount = report.Blocking.Count();
        o.WriteLine(report.Passed
            ? $"passed: no failure at or above {ReadinessRules.SeverityName(report.FailOn)} ({report.Count(FindingStatus.Failed)} below it, {report.Count(FindingStatus.Suppressed)} suppressed)"
            : Paint($"failed: {blockingCount} finding(s) at or above {ReadinessRules.SeverityName(report.FailOn)}", "31;1"));
    }
}
