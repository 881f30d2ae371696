using Stackplan.Core.Compliance;

namespace Stackplan.Core.Reports;

/// <summary>Words every check renderer shares, so the formats say the same thing.</summary>
public static class RuleText
{
    /// <summary>Where a rule's page lives; SARIF's helpUri must be absolute, so it joins this base.</summary>
    public const string DocsBaseUri = "https://github.com/stackplan/stackplan/blob/main/";

    public static string DocPath(ReadinessRule rule) => $"docs/rules/{rule.Id}.md";

    public static string HelpUri(ReadinessRule rule) => DocsBaseUri + DocPath(rule);

    public static string Baseline(Baseline baseline) => baseline.ToString().ToUpperInvariant();

    public static string StatusKey(FindingStatus status) => status switch
    {
        FindingStatus.Passed => "passed",
        FindingStatus.Failed => "failed",
        FindingStatus.Suppressed => "suppressed",
        _ => "notApplicable",
    };

    public static string Tiers(ReadinessRule rule) => rule.Tiers.IsEmpty ? "every tier" : string.Join(", ", rule.Tiers);

    /// <summary>A finding's text with what changed it: the suppression that holds, or the one that ran out.</summary>
    public static string Message(Finding f) => f.Message + (f switch
    {
        { SuppressedBy: { } s } => $" (suppressed: {s.Justification})",
        { ExpiredSuppression: { } s } => $" (its suppression expired {s.Expires:yyyy-MM-dd})",
        _ => "",
    });

    /// <summary><see cref="Message"/> prefixed by the deployment, for formats that list every deployment's results together.</summary>
    public static string Describe(Finding f) => $"{f.Deployment}: {Message(f)}";

    /// <summary>"23 of 41 platform-addressable (MODERATE, 287 controls)": the one-cell summary compare uses too.</summary>
    public static string CoverageLine(Coverage c) =>
        $"{c.Covered.Length} of {c.Addressable} platform-addressable ({Baseline(c.Baseline)}, {c.Total} controls)";
}
