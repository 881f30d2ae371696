using System.Collections.Immutable;

namespace Stackplan.Core.Model;

/// <summary>
/// An accepted exception to a readiness rule, written in the spec so it is reviewed like code:
/// which rule, in which environments (all when empty), why, and until when.
/// </summary>
public sealed record Suppression(
    string RuleId,
    ImmutableArray<string> Environments,
    string Justification,
    DateOnly? Expires,
    SourceLocation Location)
{
    public bool AppliesTo(string ruleId, string environment) =>
        RuleId == ruleId && (Environments.IsEmpty || Environments.Contains(environment));

    /// <summary>A suppression holds through its expiry date and stops suppressing the day after.</summary>
    public bool IsExpiredOn(DateOnly today) => Expires is { } expires && today > expires;
}
