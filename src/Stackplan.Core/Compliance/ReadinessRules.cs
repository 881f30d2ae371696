using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Resolve;

namespace Stackplan.Core.Compliance;

public enum RuleSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Why a rule failed, and the setting to point at when it is not the rule's usual one.</summary>
public sealed record Failure(string Message, string? SettingPath = null);

/// <summary>
/// A production-readiness check. <see cref="Id"/> is stable and opaque (SPnnnn): it names the rule in
/// suppressions, SARIF and docs/rules/&lt;Id&gt;.md, and is never reused for another meaning.
/// <see cref="Tiers"/> empty means every tier. <see cref="Check"/> returns null when the deployment passes.
/// </summary>
public sealed record ReadinessRule(
    string Id,
    string Name,
    string Title,
    RuleSeverity Severity,
    ImmutableArray<string> Tiers,
    ImmutableArray<string> Controls,
    string SettingPath,
    string Remediation,
    Func<Deployment, Failure?> Check,
    Func<Deployment, bool>? Precondition = null,
    string? PreconditionText = null)
{
    public bool AppliesTo(Deployment deployment) =>
        (Tiers.IsEmpty || Tiers.Contains(deployment.Environment.Tier)) && (Precondition?.Invoke(deployment) ?? true);

    /// <summary>Why the rule does not apply to <paramref name="deployment"/>: its tier, or the precondition that does not hold.</summary>
    public string WhyNotApplicable(Deployment deployment) =>
        !Tiers.IsEmpty && !Tiers.Contains(deployment.Environment.Tier)
            ? $"it applies to tier {string.Join(" and ", Tiers)}, and environment '{deployment.Environment.Name}' is tier {deployment.Environment.Tier}"
            : $"it applies only when {PreconditionText ?? "its precondition holds"}";
}

/// <summary>The rules, drawn from the seeds' security requirements and production-readiness checklists.</summary>
public static class ReadinessRules
{
    public const int MinimumBackupRetentionDays = 7;

    private static readonly ImmutableArray<string> Prod = ["prod"];
    private static readonly ImmutableArray<string> ProdAndStaging = ["prod", "staging"];
    private static readonly ImmutableArray<string> EveryTier = [];

    private static bool IsKubernetes(Deployment d) => d.Environment.Cluster.Kind != ClusterKind.ServerlessContainers;

    private static bool IsEks(Deployment d) => d.Environment.Cluster.Kind == ClusterKind.ManagedKubernetes;

    private static bool BackupsOn(Deployment d) => d.Environment.Backups.Enabled;

    private static bool HasCapability(Deployment d, string capability) => d.Components.Any(c => c.Component.Capability == capability);

    /// <summary>Fails with <paramref name="message"/> unless the policy is on or a component fills the capability.</summary>
    private static Func<Deployment, Failure?> PolicyOrCapability(string policy, string capability, string message) =>
        d => d.Environment.IsOn(policy) || HasCapability(d, capability) ? null : new Failure(message);

    private static string Shown(string? policyValue) => policyValue is null ? "is not set" : $"is '{policyValue}'";

    public static ImmutableArray<ReadinessRule> All { get; } =
    [
        new("SP1001", "multi-az", "Production spans at least two availability zones", RuleSeverity.High, Prod, ["CP-10"], "zones",
            "Set `zones: 3` and spread every node group across them; the seeds run production in three zones.",
            d => d.Environment.Zones >= 2 ? null : new Failure($"environment '{d.Environment.Name}' runs in {d.Environment.Zones} availability zone: losing it takes the environment down")),
        new("SP1002", "nat-gateway-per-az", "Each availability zone has its own NAT gateway", RuleSeverity.Medium, Prod, ["CP-10"], "natGateways",
            "Set `natGateways: per-az` so a zone failure does not cut the other zones' private subnets off the internet.",
            d => d.Environment.NatGateways != NatGatewayMode.Single ? null : new Failure($"one NAT gateway serves {d.Environment.Zones} zones: if its zone fails, every private subnet loses egress"),
            d => d.Environment.Zones >= 2, "the environment runs in two zones or more"),
        new("SP1003", "private-cluster-endpoint", "The cluster API endpoint is private", RuleSeverity.High, Prod, ["SC-7", "AC-17"], "cluster.endpoint",
            "Set `cluster: {endpoint: private}` (or `public-and-private` with `policies: {publicEndpointRestricted: true}`) and reach the API through a VPN or bastion.",
            // A public side counts whether or not there is also a private one; only a stated restriction makes it acceptable.
            d => d.Environment.Cluster.Endpoint switch
            {
                EndpointAccess.Public => new Failure("the Kubernetes API endpoint is public and has no private access"),
                EndpointAccess.PublicAndPrivate when !d.Environment.IsOn(Policies.PublicEndpointRestricted) =>
                    new Failure("the Kubernetes API endpoint is public as well as private, and the spec does not say the public side is restricted (policies.publicEndpointRestricted)"),
                _ => null,
            },
            IsEks, "the cluster is EKS"),
        new("SP1004", "public-endpoint-restricted", "A public cluster endpoint accepts only listed networks", RuleSeverity.Medium, Prod, ["SC-7"], "policies.publicEndpointRestricted",
            "Restrict the public endpoint to office or VPN CIDRs and say so with `policies: {publicEndpointRestricted: true}`, or make the endpoint private.",
            d => d.Environment.IsOn(Policies.PublicEndpointRestricted) ? null : new Failure("the cluster endpoint is public as well as private, and the spec does not say it is restricted to known networks"),
            d => IsEks(d) && d.Environment.Cluster.Endpoint == EndpointAccess.PublicAndPrivate, "the EKS cluster endpoint has a public side as well as a private one (this endpoint has none to restrict)"),
        new("SP1005", "kms-encryption", "Data at rest is encrypted with customer-managed KMS keys", RuleSeverity.High, Prod, ["SC-28", "SC-12"], "encryption.kms",
            "Set `encryption: {atRest: true, kms: customer-managed}`: EBS, S3, RDS and Kubernetes secrets then use keys the team controls, rotates and audits.",
            d => !d.Environment.Encryption.AtRest ? new Failure("encryption at rest is off", "encryption.atRest")
                : d.Environment.Encryption.Kms != KeyManagement.CustomerManaged ? new Failure($"data at rest is encrypted with {(d.Environment.Encryption.Kms == KeyManagement.None ? "no KMS key" : "AWS-managed keys")}, not customer-managed KMS keys")
                : null),
        new("SP1006", "backups-enabled", "Backups are enabled", RuleSeverity.High, Prod, ["CP-9"], "backups.enabled",
            "Set `backups: {enabled: true}` and fill the `backup` capability (Velero or AWS Backup) so cluster state and volumes can be restored.",
            d => BackupsOn(d) ? null : new Failure($"environment '{d.Environment.Name}' has no backups")),
        new("SP1007", "backup-retention", $"Backups are kept at least {MinimumBackupRetentionDays} days", RuleSeverity.Medium, Prod, ["CP-9"], "backups.retentionDays",
            $"Set `backups: {{retentionDays: {MinimumBackupRetentionDays}}}` or more; seed 001 keeps 7 days of database backups in production.",
            d => d.Environment.Backups.RetentionDays >= MinimumBackupRetentionDays ? null : new Failure($"backups are kept {d.Environment.Backups.RetentionDays:0.##} days, fewer than {MinimumBackupRetentionDays}"),
            BackupsOn),
        new("SP1008", "restore-tested", "Restores from backup are tested", RuleSeverity.Medium, Prod, ["CP-9(1)", "CP-4"], "backups.restoreTested",
            "Run a restore drill, record it, and set `backups: {restoreTested: true}`; a backup never restored is a hope, not a backup.",
            d => d.Environment.Backups.RestoreTested ? null : new Failure("no restore from backup has been tested"),
            BackupsOn),
        new("SP1009", "log-retention", $"Logs are kept at least {SettingControls.AuditRetentionDays} days", RuleSeverity.Medium, Prod, ["AU-11"], "retention.logsDays",
            $"Set `retention: {{logsDays: {SettingControls.AuditRetentionDays}}}` or the period your records policy requires (AU-11 is organisation-defined; suppress with a justification if yours is shorter).",
            d => d.Environment.Retention.LogsDays >= SettingControls.AuditRetentionDays ? null : new Failure($"logs are kept {d.Environment.Retention.LogsDays:0.##} days, fewer than {SettingControls.AuditRetentionDays}")),
        new("SP1010", "deletion-protection", "Deletion protection is on", RuleSeverity.Medium, Prod, ["CM-3"], "deletionProtection",
            "Set `deletionProtection: true` so a stray `terraform destroy` or console click cannot drop databases and clusters.",
            d => d.Environment.DeletionProtection ? null : new Failure("deletion protection is off")),
        new("SP1011", "pod-security-restricted", "Workload namespaces enforce the restricted Pod Security Standard", RuleSeverity.High, ProdAndStaging, ["AC-6", "CM-7"], "policies.podSecurity",
            "Label workload namespaces `pod-security.kubernetes.io/enforce: restricted` and set `policies: {podSecurity: restricted}`.",
            d => d.Environment.Get(Policies.PodSecurity) == "restricted" ? null : new Failure($"policies.podSecurity {Shown(d.Environment.Get(Policies.PodSecurity))}: pods may run as root or escalate privileges"),
            IsKubernetes, "pods run on Kubernetes (not ECS)"),
        new("SP1012", "network-policies", "Namespaces have default-deny network policies", RuleSeverity.Medium, ProdAndStaging, ["AC-4", "SC-7(5)"], "policies.networkPolicies",
            "Apply a default-deny NetworkPolicy to every workload namespace, allow flows by exception, and set `policies: {networkPolicies: true}`.",
            d => d.Environment.IsOn(Policies.NetworkPolicies) ? null : new Failure($"policies.networkPolicies {Shown(d.Environment.Get(Policies.NetworkPolicies))}: any pod can reach any other"),
            IsKubernetes, "pods run on Kubernetes (not ECS)"),
        new("SP1013", "workload-identity", "Workloads get cloud credentials from IAM roles", RuleSeverity.High, ProdAndStaging, ["IA-5", "AC-6"], "policies.workloadIdentity",
            "Use IAM roles for service accounts or EKS Pod Identity and set `policies: {workloadIdentity: irsa}` (or `pod-identity`).",
            d => d.Environment.Get(Policies.WorkloadIdentity) is "irsa" or "pod-identity" ? null : new Failure($"policies.workloadIdentity {Shown(d.Environment.Get(Policies.WorkloadIdentity))}: workloads' cloud credentials are not short-lived role credentials")),
        new("SP1014", "no-static-keys", "No environment hands workloads static cloud access keys", RuleSeverity.Critical, EveryTier, ["IA-5"], "policies.workloadIdentity",
            "Replace static access keys with IRSA or EKS Pod Identity (`policies: {workloadIdentity: irsa}`) and delete the keys; static keys leak and never expire.",
            d => d.Environment.Get(Policies.WorkloadIdentity) != "static-keys" ? null : new Failure("workloads use static cloud access keys")),
        new("SP1015", "audit-logging", "The cluster's API audit log is on", RuleSeverity.High, ProdAndStaging, ["AU-2", "AU-12"], "policies.auditLogging",
            "Enable the control plane's audit log (EKS: `enabledClusterLogTypes` includes audit), ship it to your log store, and set `policies: {auditLogging: true}`.",
            d => d.Environment.IsOn(Policies.AuditLogging) ? null : new Failure($"policies.auditLogging {Shown(d.Environment.Get(Policies.AuditLogging))}: no record of who changed what in the cluster")),
        new("SP1016", "alarms", "Alarms notify an on-call rotation", RuleSeverity.Medium, Prod, ["SI-4", "SI-4(5)"], "policies.alarms",
            "Fill the `alerting` capability (e.g. cloudwatch-alarms) or configure Alertmanager/Grafana alerting with an on-call route, and set `policies: {alarms: true}`.",
            PolicyOrCapability(Policies.Alarms, "alerting", "no alarms: nothing tells anyone when production breaks")),
        new("SP1017", "dashboards", "Monitoring dashboards exist", RuleSeverity.Low, Prod, ["AU-6", "SI-4"], "policies.dashboards",
            "Fill the `dashboards` capability (Grafana, CloudWatch dashboards) or set `policies: {dashboards: true}` if they live elsewhere.",
            PolicyOrCapability(Policies.Dashboards, "dashboards", "no dashboards to review the platform's health")),
        new("SP1018", "change-process", "Changes reach production through reviewed pull requests", RuleSeverity.Medium, Prod, ["CM-3"], "policies.changeProcess",
            "Apply infrastructure changes only from reviewed pull requests (seed 002 asks for 2+ approvals and a maintenance window) and set `policies: {changeProcess: pr-review}`.",
            d => d.Environment.Get(Policies.ChangeProcess) == "pr-review" ? null : new Failure($"policies.changeProcess {Shown(d.Environment.Get(Policies.ChangeProcess))}: changes can reach production unreviewed")),
        new("SP1019", "image-scanning", "Container images are scanned for vulnerabilities", RuleSeverity.Medium, Prod, ["RA-5", "SI-2"], "policies.imageScanning",
            "Fill the `vulnerability-scanning` capability (Trivy Operator, Amazon Inspector) or scan in CI and set `policies: {imageScanning: true}`.",
            PolicyOrCapability(Policies.ImageScanning, "vulnerability-scanning", "nothing scans the images that run for known vulnerabilities")),
    ];

    public static ReadinessRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    public static string SeverityName(RuleSeverity severity) => severity.ToString().ToLowerInvariant();

    public static RuleSeverity? TryParseSeverity(string text) => text.ToLowerInvariant() switch
    {
        "low" => RuleSeverity.Low,
        "medium" => RuleSeverity.Medium,
        "high" => RuleSeverity.High,
        "critical" => RuleSeverity.Critical,
        _ => null,
    };
}
