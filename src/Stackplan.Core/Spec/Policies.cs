using System.Collections.Immutable;

namespace Stackplan.Core.Spec;

/// <summary>One key an environment's <c>policies:</c> may hold, the values it accepts, and what it means.</summary>
public sealed record PolicyKey(string Name, ImmutableArray<string> Values, string Meaning)
{
    public bool IsBoolean => Values.SequenceEqual(["true", "false"]);
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

    public static ImmutableArray<PolicyKey> Keys { get; } =
    [
        new(PodSecurity, ["restricted", "baseline", "privileged"], "the Kubernetes Pod Security Standard enforced on workload namespaces"),
        new(NetworkPolicies, Boolean, "namespaces have default-deny network policies"),
        new(WorkloadIdentity, ["irsa", "pod-identity", "static-keys"], "how pods get cloud credentials: IAM roles for service accounts, EKS Pod Identity, or static access keys"),
        new(AuditLogging, Boolean, "the cluster's API audit log is enabled and shipped"),
        new(ChangeProcess, ["pr-review", "direct"], "how infrastructure changes reach the environment: reviewed pull requests, or direct apply"),
        new(Alarms, Boolean, "alarms on the platform's health notify an on-call rotation"),
        new(Dashboards, Boolean, "monitoring dashboards exist for the platform"),
        new(PublicEndpointRestricted, Boolean, "a public cluster endpoint accepts only listed CIDRs (office or VPN ranges)"),
        new(ImageScanning, Boolean, "container images are scanned for vulnerabilities in CI or on push"),
    ];

    public static PolicyKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);

    /// <summary>YAML spellings of booleans, normalised so rules compare against "true" and "false" only.</summary>
    internal static string Normalise(PolicyKey key, string value) =>
        key.IsBoolean ? value switch
        {
            "true" or "yes" or "on" => "true",
            "false" or "no" or "off" => "false",
            _ => value,
        }
        : value;

    public static string? Get(this EnvironmentSpec environment, string key) => environment.Policies.GetValueOrDefault(key);

    /// <summary>True only when the policy is set to true; unset is not true.</summary>
    public static bool IsOn(this EnvironmentSpec environment, string key) => environment.Get(key) == "true";
}
