using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Stackplan.PriceCompiler;

/// <summary>
/// Compiles the Azure and Google Cloud reference price data into their world book folders and
/// instance-type tables, beside the AWS book, through the same writer. Only what the catalog's
/// keys and the provider profiles' templates ask for is kept; every row keeps its source.
/// </summary>
public static class CloudCompilers
{
    public const string AzureFolder = "data/prices/world/azure";
    public const string GcpFolder = "data/prices/world/gcp";
    public const string AzureInstanceTypesPath = "data/instance-types-azure.csv";
    public const string GcpInstanceTypesPath = "data/instance-types-gcp.csv";

    /// <summary>
    /// AKS's default pods per node with Azure CNI Overlay, the recommended network plugin
    /// (AKSNodeClass reference, learn.microsoft.com: overlay 250, Azure CNI node subnet 30, others 110).
    /// </summary>
    public const int AksMaxPods = 250;

    /// <summary>GKE Standard's default maximum pods per node (cloud.google.com/kubernetes-engine/docs/how-to/flexible-pod-cidr).</summary>
    public const int GkeMaxPods = 110;

    /// <summary>
    /// Azure VMs, Linux pay-as-you-go, from Azure/karpenter-provider-azure's generated prices
    /// (Apache-2.0). Where anycloud's catalog (no licence stated) has a different on-demand price
    /// for the same VM and region, karpenter most likely read a Windows meter (reference README:
    /// karpenter is never the lower one), so the pair is left out rather than priced wrongly or
    /// from an unlicensed source; pairs only anycloud prices are left out too. Spot rows are not
    /// used: spot node groups take their discount from the spec.
    /// </summary>
    public static CompileResult CompileAzure(string referenceFolder)
    {
        var sources = Sources(referenceFolder);
        var rows = Read(Path.Combine(referenceFolder, "azure-vm-prices.csv"), r => new AzureRow(
            r["region"].ToString(), r["sku"].ToString(), Dec(r["usd_per_hour"].ToString()), r["priority"].ToString(),
            r["vcpu"].ToString(), r["memory_gib"].ToString(), r["source"].ToString(), r["as_of"].ToString()));
        var onDemand = rows.Where(r => r.Priority == "on-demand").ToList();
        var contested = onDemand.Where(r => r.Source == "azure.anycloud").Select(r => (r.Region, r.Sku)).ToHashSet();
        var entries = onDemand
            .Where(r => r.Source == "azure.karpenter" && !contested.Contains((r.Region, r.Sku)))
            .Select(r => new WorldEntry(r.Region, $"azure/vm/{r.Sku}", "hour", 0, null, r.Usd!.Value, false, "", sources[r.Source], r.AsOf, $"Azure VM {r.Sku} Linux pay-as-you-go"))
            .ToList();

        var files = WorldBookFiles.Write(AzureFolder, entries);
        var types = rows.Where(r => r.VCpu.Length > 0 && r.MemoryGib.Length > 0)
            .GroupBy(r => r.Sku).Select(g => g.OrderBy(r => r.Source, StringComparer.Ordinal).First())
            .Select(r => new TypeRow(r.Sku, r.VCpu, r.MemoryGib, "", "0", AksMaxPods, $"vCPU/memory: {sources[r.Source]}; max pods: AKS default with Azure CNI Overlay", r.AsOf))
            .ToList();
        files.Add(new ArtifactFile(AzureInstanceTypesPath, TypeTable(types)));
        return Result(files, entries, types.Count);
    }

    /// <summary>
    /// Google Cloud from Cyclenerd's google-cloud-pricing-cost-calculator (Apache-2.0): Compute
    /// Engine machine types on demand, Persistent Disk capacity, Cloud NAT data, Cloud Storage
    /// Standard and Cloud Monitoring's tiered ingest. Google bills these per GiB; Stackplan's GB
    /// quantities are priced per GiB as Google does, which the description says.
    /// </summary>
    public static CompileResult CompileGcp(string referenceFolder)
    {
        var sources = Sources(referenceFolder);
        var rows = Read(Path.Combine(referenceFolder, "gcp-prices.csv"), r => new GcpRow(
            r["key"].ToString(), r["region"].ToString(), r["unit"].ToString(), Dec(r["tier_start"].ToString())!.Value, Dec(r["tier_end"].ToString()),
            Dec(r["usd"].ToString())!.Value, r["source"].ToString(), r["as_of"].ToString()));
        var entries = new List<WorldEntry>();
        foreach (var r in rows.Where(r => r.Source == "gcp.cyclenerd"))
        {
            if (Map(r.Key) is not { } mapped)
            {
                continue;
            }

            entries.Add(new WorldEntry(r.Region, mapped.Key, mapped.Unit, r.TierStart, r.TierEnd, r.Usd / mapped.Per, false, "", sources[r.Source], r.AsOf, mapped.Description));
        }

        var files = WorldBookFiles.Write(GcpFolder, entries);
        var types = Read(Path.Combine(referenceFolder, "gcp-machine-types.csv"), r => new TypeRow(
                r["machine_type"].ToString(), r["vcpu"].ToString(), r["memory_gib"].ToString(), "", r["gpu_count"].ToString(), GkeMaxPods,
                $"vCPU/memory: {sources[r["source"].ToString()]}; max pods: GKE Standard default", r["as_of"].ToString()))
            .Where(t => t.VCpu.Length > 0 && t.MemoryGib.Length > 0)
            .ToList();
        files.Add(new ArtifactFile(GcpInstanceTypesPath, TypeTable(types)));
        return Result(files, entries, types.Count);
    }

    /// <summary>The reference key of a Google Cloud price, as a catalog key with its unit, or null when no catalog rule reads it.</summary>
    /// <remarks>
    /// Cloud NAT's published gateway-hour (0.0448) is its cap of 32 VMs at 0.0014 per VM-hour
    /// (reference README); the catalog counts VMs, so the compiled key is the per-VM price.
    /// </remarks>
    private static (string Key, string Unit, string Description, decimal Per)? Map(string key)
    {
        var parts = key.Split('.');
        return parts switch
        {
            ["gce", var type, "on-demand"] => ($"gce/instance/{type}", "hour", $"Compute Engine {type} on demand", 1m),
            ["gce", "disk", var disk, "storage"] when disk.StartsWith("pd-", StringComparison.Ordinal) => ($"gce/disk/{disk}", "GB-month", $"Persistent Disk {disk} capacity (per GiB-month)", 1m),
            ["gce", "disk", "snapshot", "storage"] => ("gce/disk/snapshot", "GB-month", "Persistent Disk snapshot storage (per GiB-month)", 1m),
            ["nat", "gateway", "hour"] => ("cloud-nat/vm-hour", "hour", "Cloud NAT per VM-hour (the published 32-VM gateway cap / 32)", 32m),
            ["nat", "data"] => ("cloud-nat/data", "GB", "Cloud NAT data processed (per GiB)", 1m),
            ["storage", "standard", "storage"] => ("gcs/standard-storage", "GB-month", "Cloud Storage Standard (per GiB-month)", 1m),
            ["monitoring", "metrics", "ingest"] => ("cloud-monitoring/metrics-ingest", "MiB", "Cloud Monitoring chargeable metric data", 1m),
            _ => null,
        };
    }

    private static CompileResult Result(List<ArtifactFile> files, List<WorldEntry> entries, int types) =>
        new(files, entries.Select(e => e.Region).Distinct().Count(), entries.Select(e => e.Key).Distinct().Count(), entries.Select(e => (e.Key, e.Region)).Distinct().Count(), types, 0, []);

    /// <summary>sources.csv resolves a short source id (azure.karpenter) to its full citation (repository@commit:path).</summary>
    private static Dictionary<string, string> Sources(string referenceFolder) =>
        Read(Path.Combine(referenceFolder, "sources.csv"), r => (Id: r["source"].ToString(), Citation: r["citation"].ToString()))
            .ToDictionary(s => s.Id, s => s.Citation, StringComparer.Ordinal);

    private static List<T> Read<T>(string path, Func<SepReader.Row, T> row)
    {
        var rows = new List<T>();
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var r in reader)
        {
            rows.Add(row(r));
        }

        return rows;
    }

    private static decimal? Dec(string text) => text.Length == 0 ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The instance-type table layout the embedded reader takes (memory in MiB).</summary>
    private static byte[] TypeTable(IEnumerable<TypeRow> types)
    {
        var text = new StringBuilder("type,vcpu,memory_mib,arch,gpus,max_pods,source,as_of\n");
        foreach (var t in types.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var mib = AwsCompiler.Number(decimal.Parse(t.MemoryGib, NumberStyles.Float, CultureInfo.InvariantCulture) * 1024m);
            text.AppendJoin(',', new[] { t.Name, t.VCpu, mib, t.Arch, t.Gpus.Length == 0 ? "0" : t.Gpus, t.MaxPods.ToString(CultureInfo.InvariantCulture), t.Source, t.AsOf }.Select(WorldBookFiles.Csv)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed record AzureRow(string Region, string Sku, decimal? Usd, string Priority, string VCpu, string MemoryGib, string Source, string AsOf);

    private sealed record GcpRow(string Key, string Region, string Unit, decimal TierStart, decimal? TierEnd, decimal Usd, string Source, string AsOf);

    private sealed record TypeRow(string Name, string VCpu, string MemoryGib, string Arch, string Gpus, int MaxPods, string Source, string AsOf);
}
