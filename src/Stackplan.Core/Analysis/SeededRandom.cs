namespace Stackplan.Core.Analysis;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014) read as a counter-based generator: draw n of a seed is
/// the finaliser applied to seed + (n + 1) x the golden gamma, exactly the n-th output of the
/// sequential generator. Random access lets a Monte Carlo run recompute any one sample (the one at
/// the 90th percentile, say) in decimal without storing every draw. System.Random is banned in
/// Core because its algorithm may change between .NET versions; this one is fixed forever.
/// </summary>
public static class SeededRandom
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    public static ulong Draw(ulong seed, ulong n)
    {
        var z = seed + ((n + 1) * GoldenGamma);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of a draw.</summary>
    public static double Uniform(ulong seed, ulong n) => (Draw(seed, n) >> 11) * (1.0 / (1UL << 53));

    /// <summary>The triangular distribution's inverse CDF: low, mode (the expected value) and high.</summary>
    public static double Triangular(double u, double low, double mode, double high)
    {
        var width = high - low;
        if (width <= 0)
        {
            return mode;
        }

        var split = (mode - low) / width;
        return u < split
            ? low + Math.Sqrt(u * width * (mode - low))
            : high - Math.Sqrt((1 - u) * width * (high - mode));
    }
}
