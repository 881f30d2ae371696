namespace Stackplan.Core.Providers;

/// <summary>The banded CPU reserve the EKS, AKS and GKE node images all use, with their own bands.</summary>
public static class KubeletCpuReserve
{
    /// <summary>
    /// Millicores kept for the system: each band takes its share of the cores that fall in it,
    /// in order (e.g. 6% of the first core, 1% of the second).
    /// </summary>
    public static decimal Banded(decimal vcpu, IEnumerable<(decimal Cores, decimal Share)> bands)
    {
        var cores = vcpu;
        decimal reserved = 0;
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
