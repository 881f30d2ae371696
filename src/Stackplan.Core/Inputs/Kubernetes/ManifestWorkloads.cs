using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Providers;

namespace Stackplan.Core.Inputs.Kubernetes;

/// <summary>
/// Adds workloads read from manifests to a spec, as if the spec listed them under <c>workloads:</c>
/// (named namespace/name), so they are sized onto the node groups and priced like the spec's own;
/// a StatefulSet's volume claims become storage line items priced by the provider's disk key
/// (the claim's storageClassName when the provider knows it, else its default class).
/// </summary>
public static class ManifestWorkloads
{
    public static PlatformSpec AddTo(PlatformSpec spec, ManifestSet manifests)
    {
        var provider = ProviderProfiles.Get(spec.Provider);
        var workloads = spec.Workloads.ToBuilder();
        var lines = spec.LineItems.ToBuilder();
        foreach (var w in manifests.Workloads)
        {
            var name = w.QualifiedName;
            if (spec.Workloads.Any(existing => existing.Name == name))
            {
                throw new InputException(DiagnosticCodes.DuplicateKey, w.Location, $"workload '{name}' is both in the spec and in the manifests");
            }

            // A workload under an autoscaler runs between its HPA's minimum and maximum replicas; as a
            // spec's replicas {min, max} without replicas, it is expected at its minimum.
            workloads.Add(new Workload(name, w.WorkloadKind, new ValueRange(w.MinReplicas, w.MinReplicas, w.MaxReplicas), w.CpuMillis, w.MemoryMiB, w.RunHoursPerMonth, null, w.Location));
            foreach (var (storageClass, gib) in w.Volumes)
            {
                var known = provider.StorageClasses.Contains(storageClass);
                var diskClass = known ? storageClass : provider.StorageClasses[0];
                var quantity = new ValueRange(w.MinReplicas * gib, w.MinReplicas * gib, w.MaxReplicas * gib);
                var price = provider.DiskPrice(diskClass, gib);

                // A disk billed per disk of a size tier (Azure) counts disks, not GB.
                var (amount, unit) = price.PerDisk ? (new ValueRange(w.MinReplicas, w.MinReplicas, w.MaxReplicas), "disk-month") : (quantity, "GB-month");
                lines.Add(new UserLineItem($"persistent volumes ({diskClass})", "storage", amount, unit, null, price.Key, null, w.Location, Resource: name,
                    Note: $"{w.MinReplicas}{(w.MaxReplicas != w.MinReplicas ? $"..{w.MaxReplicas}" : "")} replica(s) x {gib:0.###} GiB volumeClaimTemplate" + (known ? "" : $"; storage class '{storageClass}' is not a {provider.DisplayName} disk type, priced as the default {diskClass}")));
            }
        }

        return spec with { Workloads = workloads.ToImmutable(), LineItems = lines.ToImmutable() };
    }
}
