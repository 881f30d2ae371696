using System.Collections.Frozen;
using System.Globalization;

namespace Stackplan.Core.Inputs.Terraform;

/// <summary>
/// When each EKS Kubernetes version leaves standard support (after which AWS bills the cluster at
/// the extended-support rate). Sources: 1.23-1.29 infracost/infracost@95ba4f49
/// internal/resources/aws/eks_cluster.go; 1.30-1.34 the AWS EKS Kubernetes version calendar
/// (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html; 1.32's date as
/// <c>aws eks describe-cluster-versions</c> reports it, 2026-03-21).
/// </summary>
public static class EksSupport
{
    private static readonly FrozenDictionary<string, DateOnly> StandardSupportEnds = new Dictionary<string, DateOnly>(StringComparer.Ordinal)
    {
        ["1.23"] = new(2023, 10, 11),
        ["1.24"] = new(2024, 1, 31),
        ["1.25"] = new(2024, 5, 1),
        ["1.26"] = new(2024, 6, 11),
        ["1.27"] = new(2024, 7, 24),
        ["1.28"] = new(2024, 11, 26),
        ["1.29"] = new(2025, 3, 23),
        ["1.30"] = new(2025, 7, 23),
        ["1.31"] = new(2025, 11, 26),
        ["1.32"] = new(2026, 3, 21),
        ["1.33"] = new(2026, 7, 29),
        ["1.34"] = new(2026, 12, 2),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The last day of standard support of a version ("1.29", or "1.29.3"), or null when not known.</summary>
    public static DateOnly? StandardEnd(string version)
    {
        var parts = version.Split('.');
        var minor = parts.Length >= 2 ? parts[0] + "." + parts[1] : version;
        return StandardSupportEnds.TryGetValue(minor, out var end) ? end : null;
    }

    /// <summary>
    /// True when the version is past standard support at <paramref name="asOf"/>. Versions older than
    /// the table (1.22 and before) are past it at any date; newer ones are taken as in standard support.
    /// </summary>
    public static bool IsExtended(string version, DateOnly? asOf)
    {
        if (StandardEnd(version) is { } end)
        {
            return asOf is { } date && date >= end;
        }

        var parts = version.Split('.');
        return parts.Length >= 2 && parts[0] == "1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) && minor < 23;
    }
}
