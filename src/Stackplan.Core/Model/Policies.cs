using System.Collections.Immutable;

namespace Stackplan.Core.Model;

/// <summary>
/// One key an environment's <c>policies:</c> may hold, the values it accepts, and what it means.
/// <see cref="Aliases"/> are other spellings accepted for a value (yes for true, direct-apply for direct).
/// </summary>
public sealed record PolicyKey(string Name, ImmutableArray<string> Values, string Meaning, ImmutableDictionary<string, string> Aliases)
{
    public PolicyKey(string name, ImmutableArray<string> values, string meaning)
        : this(name, values, meaning, ImmutableDictionary<string, string>.Empty)
    {
    }

    /// <summary>The value as the rules compare it: an alias becomes its canonical spelling.</summary>
    public string Canonical(string value) => Aliases.GetValueOrDefault(value, value);
}

/// <summary>
/// The formal vocabulary of <c>policies:</c>. The readiness rules read these keys, so a typo
/// (networkPolicy, podSecurity: strict) would silently fail or pass a check; the reader refuses
/// unknown keys and values instead, with a "did you mean".
/// </summary>
public static class Policies
{
    public const string PodSecurity = "podSecurity";
    public const string NetworkPolicies = "networkPolicies";
    public const string WorkloadIdentity = "workloadIdentity";
    public const string AuditLogging = "auditLogging";
    public const string ChangeProcess = "changeProcess";
    public const string Alarms = "alarms";
    public const string Dashboards = "dashboards";
    public const string PublicEndpointRestricted = "publicEndpointRestricted";
    public const string ImageScanning = "imageScanning";

    private static readonly ImmutableArray<string> Boolean = ["true", "false"];

    /// <summary>YAML 1.1's other spellings of booleans, which specs carry over from Helm values and Ansible.</summary>
    private static readonly ImmutableDictionary<string, string> BooleanAliases = new Dictionary<string, string>
    {
        ["yes"] = "true", ["on"] = "true", ["no"] = "false", ["off"] = "false",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    private static PolicyKey Flag(string name, string meaning) => new(name, Boolean, meaning, BooleanAliases);

    public static ImmutableArray<PolicyKey> Keys { get; } =
    [
        new(PodSecurity, ["restricted", "baseline", "privileged"], "the Kubernetes Pod Security Standard enforced on workload namespaces"),
        Flag(NetworkPolicies, "namespaces have default-deny network policies"),
        new(WorkloadIdentity, ["irsa", "pod-identity", "static-keys"], "how pods get cloud credentials: IAM roles for service accounts, EKS Pod Identity, or static access keys"),
        Flag(AuditLogging, "the cluster's API audit log is enabled and shipped"),
        new(ChangeProcess, ["pr-review", "direct"], "how infrastructure changes reach the environment: reviewed pull requests, or direct apply",
            ImmutableDictionary<string, string>.Empty.Add("direct-apply", "direct")),
        Flag(Alarms, "alarms on the platform's health notify an on-call rotation"),
        Flag(Dashboards, "monitoring dashboards exist for the platform"),
        Flag(PublicEndpointRestricted, "a public cluster endpoint accepts only listed CIDRs (office or VPN ranges)"),
        Flag(ImageScanning, "container images are scanned for vulnerabilities in CI or on push"),
    ];

    public static PolicyKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);

    public static string? Get(this EnvironmentSpec environment, string key) => environment.Policies.GetValueOrDefault(key);

    /// <summary>True only when the policy is set to true; unset is not true.</summary>
    public static bool IsOn(this EnvironmentSpec environment, string key) => environment.Get(key) == "true";
}
