using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Sizing;

/// <summary>A machine shape: what a node offers before the kubelet's reserve.</summary>
public sealed record InstanceType(string Name, decimal VCpu, decimal MemoryGiB, int MaxPods, string Source)
{
    /// <summary>
    /// CPU the kubelet keeps for the system, by the EKS AMI's rule: 6% of the first core, 1% of the
    /// second, 0.5% of the third and fourth, 0.25% of the rest (awslabs/amazon-eks-ami bootstrap).
    /// </summary>
    public decimal ReservedCpuMillis
    {
        get
        {
            var cores = VCpu;
            decimal reserved = 0;
            (decimal Cores, decimal Share)[] bands = [(1, 0.06m), (1, 0.01m), (2, 0.005m), (decimal.MaxValue, 0.0025m)];
            foreach (var (bandCores, share) in bands)
            {
                var inBand = Math.Min(cores, bandCores);
                reserved += inBand * 1000m * share;
                cores -= inBand;
                if (cores <= 0)
                {
                    break;
                }
            }

            return reserved;
        }
    }

    /// <summary>Memory kept back: 255 MiB + 11 MiB per pod the node can hold (EKS AMI), plus the 100 MiB hard eviction threshold.</summary>
    public decimal ReservedMemoryMiB => ReservedMemoryMiBFor(MaxPods);

    /// <summary>Allocatable CPU in millicores; the EKS CPU reserve does not depend on max pods.</summary>
    public decimal AllocatableCpuMillis => (VCpu * 1000m) - ReservedCpuMillis;

    public decimal AllocatableMemoryMiB => AllocatableMemoryMiBFor(MaxPods);

    /// <summary>The kubelet's memory reserve when the node runs at most <paramref name="maxPods"/> pods (a node group's maxPods setting).</summary>
    public static decimal ReservedMemoryMiBFor(int maxPods) => 255m + (11m * maxPods) + 100m;

    /// <summary>Allocatable memory in MiB for a node running at most <paramref name="maxPods"/> pods.</summary>
    public decimal AllocatableMemoryMiBFor(int maxPods) => (MemoryGiB * 1024m) - ReservedMemoryMiBFor(maxPods);
}

/// <summary>The instance types Stackplan can size against: the shipped table plus the spec's own (on-prem servers).</summary>
public sealed class InstanceTypeTable
{
    private readonly ImmutableDictionary<string, InstanceType> _types;

    public InstanceTypeTable(IEnumerable<InstanceType> types)
    {
        _types = types.ToImmutableDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _types.Keys.Order(StringComparer.Ordinal);

    public InstanceType? Find(string name) => _types.GetValueOrDefault(name);

    public InstanceTypeTable With(IEnumerable<InstanceTypeSpec> specTypes) =>
        new(_types.Values.Concat(specTypes.Select(s => new InstanceType(s.Name, s.VCpu, s.MemoryGiB, s.MaxPods, $"spec {s.Location}"))));

    /// <summary>Reads data/instance-types.csv: type,vcpu,memory_gib,max_pods,source.</summary>
    public static InstanceTypeTable Read(string csv, string fileName)
    {
        var bag = new DiagnosticBag();
        var types = new List<InstanceType>();
        using var reader = new StringReader(csv);
        foreach (var (line, f) in Csv.Read(reader))
        {
            if (line == 1 || f is [""])
            {
                continue;
            }

            if (f.Length != 5
                || !decimal.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var vcpu)
                || !decimal.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var mem)
                || !int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxPods))
            {
                bag.Add(DiagnosticCodes.InvalidTable, new SourceLocation(fileName, line, 1), "expected type,vcpu,memory_gib,max_pods,source");
                continue;
            }

            types.Add(new InstanceType(f[0], vcpu, mem, maxPods, f[4]));
        }

        bag.ThrowIfAny();
        return new InstanceTypeTable(types);
    }
}
