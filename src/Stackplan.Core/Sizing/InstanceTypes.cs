using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Sizing;

/// <summary>
/// A machine shape: what a node offers before the kubelet's reserve (which the provider's node
/// image decides, see <see cref="Providers.IProviderProfile.Reserve"/>). <see cref="Architecture"/>
/// (amd64, arm64) and <see cref="Gpus"/> are empty/0 where the source does not say.
/// </summary>
public sealed record InstanceType(string Name, decimal VCpu, decimal MemoryGiB, int MaxPods, string Source, string Architecture = "", int Gpus = 0);

/// <summary>The instance types Stackplan can size against: the shipped table plus the spec's own (on-prem servers).</summary>
public sealed class InstanceTypeTable
{
    private readonly ImmutableDictionary<string, InstanceType> _types;

    public InstanceTypeTable(IEnumerable<InstanceType> types)
    {
        _types = types.ToImmutableDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _types.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every type, by name.</summary>
    public IEnumerable<InstanceType> All => _types.Values.OrderBy(t => t.Name, StringComparer.Ordinal);

    public InstanceType? Find(string name) => _types.GetValueOrDefault(name);

    /// <summary>
    /// The table with the spec's own types; a spec type with a shipped name replaces the shipped
    /// shape (as a spec price overrides the book), e.g. m5.2xlarge with maxPods 110 for prefix delegation.
    /// </summary>
    public InstanceTypeTable With(IEnumerable<InstanceTypeSpec> specTypes)
    {
        var merged = _types.ToBuilder();
        foreach (var s in specTypes)
        {
            merged[s.Name] = new InstanceType(s.Name, s.VCpu, s.MemoryGiB, s.MaxPods, $"spec {s.Location}");
        }

        return new InstanceTypeTable(merged.Values);
    }

    /// <summary>
    /// Reads data/instance-types.csv (written by tools/Stackplan.PriceCompiler):
    /// type,vcpu,memory_mib,arch,gpus,max_pods,source,as_of.
    /// </summary>
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

            if (f.Length != 8
                || !decimal.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var vcpu)
                || !decimal.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var memoryMiB)
                || !int.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxPods))
            {
                bag.Add(DiagnosticCodes.InvalidTable, new SourceLocation(fileName, line, 1), "expected type,vcpu,memory_mib,arch,gpus,max_pods,source,as_of");
                continue;
            }

            var gpus = int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : 0;
            types.Add(new InstanceType(f[0], vcpu, memoryMiB / 1024m, maxPods, $"{f[6]} (as of {f[7]})", f[3], gpus));
        }

        bag.ThrowIfAny();
        return new InstanceTypeTable(types);
    }
}
