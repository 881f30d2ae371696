using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Resolve;

namespace Stackplan.Core.Compliance;

public enum FindingStatus
{
    Passed,
    Failed,
    Suppressed,
    NotApplicable,
}

/// <summary>One rule evaluated on one deployment, with the spec line a fix belongs on.</summary>
public sealed record Finding(
    ReadinessRule Rule,
    DeploymentRef Deployment,
    FindingStatus Status,
    string? Message,
    SourceLocation Location,
    Suppression? SuppressedBy,
    Suppression? ExpiredSuppression);

/// <summary>Everything <c>check</c> reports: findings for every rule x deployment, coverage, and suppressions that ran out.</summary>
public sealed record CheckReport(
    PlatformSpec Spec,
    Baseline Baseline,
    RuleSeverity FailOn,
    DateOnly Today,
    ImmutableArray<Finding> Findings,
    ImmutableArray<Coverage> Coverage,
    ImmutableArray<Suppression> ExpiredSuppressions) : IReportDocument
{
    /// <summary>Failures at or above the --fail-on severity: these make check exit 1.</summary>
    public IEnumerable<Finding> Blocking => Findings.Where(f => f.Status == FindingStatus.Failed && f.Rule.Severity >= FailOn);

    public bool Passed => !Blocking.Any();

    public int Count(FindingStatus status) => Findings.Count(f => f.Status == status);
}

/// <summary>Runs the readiness rules and measures coverage. Pure: the caller supplies today's date, so results are reproducible.</summary>
public static class Checker
{
    public static CheckReport Check(
        PlatformSpec spec,
        IEnumerable<Deployment> deployments,
        CoverageCalculator coverage,
        Baseline baseline,
        RuleSeverity failOn,
        DateOnly today,
        IEnumerable<ReadinessRule>? rules = null)
    {
        var findings = ImmutableArray.CreateBuilder<Finding>();
        var coverages = ImmutableArray.CreateBuilder<Coverage>();
        foreach (var deployment in deployments)
        {
            coverages.Add(coverage.Measure(deployment, baseline));
            foreach (var rule in rules ?? ReadinessRules.All)
            {
                findings.Add(Evaluate(spec, rule, deployment, today));
            }
        }

        return new CheckReport(spec, baseline, failOn, today, findings.ToImmutable(), coverages.ToImmutable(), [.. spec.Suppressions.Where(s => s.IsExpiredOn(today))]);
    }

    private static Finding Evaluate(PlatformSpec spec, ReadinessRule rule, Deployment deployment, DateOnly today)
    {
        var environment = deployment.Environment;
        if (!rule.AppliesTo(deployment))
        {
            return new Finding(rule, deployment.Ref, FindingStatus.NotApplicable, rule.WhyNotApplicable(deployment), environment.LocationOf(rule.SettingPath), null, null);
        }

        if (rule.Check(deployment) is not { } failure)
        {
            return new Finding(rule, deployment.Ref, FindingStatus.Passed, null, environment.LocationOf(rule.SettingPath), null, null);
        }

        var location = environment.LocationOf(failure.SettingPath ?? rule.SettingPath);
        var matching = spec.Suppressions.Where(s => s.AppliesTo(rule.Id, environment.Name)).ToList();
        if (matching.FirstOrDefault(s => !s.IsExpiredOn(today)) is { } active)
        {
            return new Finding(rule, deployment.Ref, FindingStatus.Suppressed, failure.Message, location, active, null);
        }

        // An expired suppression no longer hides the failure, and the report says it ran out.
        return new Finding(rule, deployment.Ref, FindingStatus.Failed, failure.Message, location, null, matching.FirstOrDefault());
    }
}
