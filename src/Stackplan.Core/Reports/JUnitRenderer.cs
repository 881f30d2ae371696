using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Stackplan.Core.Compliance;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>
/// JUnit XML for CI test reports: one test suite per deployment, one test case per rule. A failed
/// rule is a failure whatever its severity (the exit code applies --fail-on); suppressed and
/// not-applicable rules are skipped, with the reason.
/// </summary>
public sealed class JUnitRenderer : Renderer
{
    public JUnitRenderer()
        : base(new("junit", [".xml", ".junit.xml"], "application/xml", "JUnit XML for CI test reports")) => Add<CheckReport>((report, _, output) => WriteCheck(report, output));

    private static void WriteCheck(CheckReport report, Stream output)
    {
        var suites = report.Coverage.Select(c => c.Deployment).Select(d =>
        {
            var findings = report.Findings.Where(f => f.Deployment == d).ToList();
            return new XElement(
                "testsuite",
                new XAttribute("name", d.ToString()),
                new XAttribute("tests", findings.Count),
                new XAttribute("failures", findings.Count(f => f.Status == FindingStatus.Failed)),
                new XAttribute("errors", 0),
                new XAttribute("skipped", findings.Count(f => f.Status is FindingStatus.Suppressed or FindingStatus.NotApplicable)),
                findings.Select(TestCase));
        }).ToList();

        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", $"stackplan check {report.Spec.Name}"),
                new XAttribute("tests", report.Findings.Length),
                new XAttribute("failures", report.Count(FindingStatus.Failed)),
                new XAttribute("errors", 0),
                new XAttribute("skipped", report.Count(FindingStatus.Suppressed) + report.Count(FindingStatus.NotApplicable)),
                suites));
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), NewLineChars = "\n" });
        document.Save(writer);
    }

    private static XElement TestCase(Finding f)
    {
        var testCase = new XElement(
            "testcase",
            new XAttribute("classname", $"stackplan.{f.Deployment}"),
            new XAttribute("name", $"{f.Rule.Id} {f.Rule.Name}: {f.Rule.Title}"),
            new XAttribute("file", f.Location.File),
            new XAttribute("line", f.Location.Line));
        switch (f.Status)
        {
            case FindingStatus.Failed:
                testCase.Add(new XElement(
                    "failure",
                    new XAttribute("message", RuleText.Describe(f)),
                    new XAttribute("type", ReadinessRules.SeverityName(f.Rule.Severity)),
                    $"{f.Location}: {ReadinessRules.SeverityName(f.Rule.Severity)}: {RuleText.Describe(f)}\nNIST SP 800-53: {string.Join(", ", f.Rule.Controls)}\nFix: {f.Rule.Remediation}\nSee {RuleText.DocPath(f.Rule)}"));
                break;
            case FindingStatus.Suppressed:
                var until = f.SuppressedBy!.Expires is { } e ? " until " + e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
                testCase.Add(new XElement("skipped", new XAttribute("message", $"suppressed{until}: {f.SuppressedBy.Justification}")));
                break;
            case FindingStatus.NotApplicable:
                testCase.Add(new XElement("skipped", new XAttribute("message", $"does not apply here: {f.Message}")));
                break;
        }

        return testCase;
    }
}
