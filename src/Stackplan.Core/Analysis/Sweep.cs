using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Analysis;

/// <summary>A usage key stepped from <see cref="From"/> to <see cref="To"/> in <see cref="Steps"/> equal intervals.</summary>
public sealed record SweepAxis(string Key, decimal From, decimal To, int Steps)
{
    public const int MaxSteps = 10_000;

    public ImmutableArray<decimal> Values =>
        [.. Enumerable.Range(0, Steps + 1).Select(i => i == Steps ? To : (From + ((To - From) * i / Steps)).Normalize())];
}

/// <summary>One point of a sweep: the axes' values and each deployment's monthly total there.</summary>
public sealed record SweepPoint(ImmutableArray<decimal> Values, ImmutableArray<decimal> Totals);

public sealed record SweepResult(ImmutableArray<SweepAxis> Axes, ImmutableArray<string> Deployments, ImmutableArray<SweepPoint> Points);

/// <summary>A deployment's monthly total under sampled usage: the percentiles, recomputed exactly in decimal.</summary>
public sealed record MonteCarloResult(string Deployment, int Samples, ulong Seed, ImmutableArray<string> SampledKeys, decimal Min, decimal P10, decimal P50, decimal P90, decimal Max);

/// <summary>Sweeps over a grid of one or two usage keys, and Monte Carlo runs over the usage ranges.</summary>
public static class Sweep
{
    public const int MaxSamples = 10_000_000;

    /// <summary>Every grid point for every deployment, exact, held in memory: for grids small enough to render as one document.</summary>
    public static SweepResult Grid(IReadOnlyList<DeploymentModel> models, IReadOnlyList<SweepAxis> axes) =>
        new([.. axes], [.. models.Select(m => m.Deployment.Name)], [.. Points(models, axes)]);

    /// <summary>Grid points a sweep of these axes has: the product of each axis's steps + 1.</summary>
    public static long PointCount(IReadOnlyList<SweepAxis> axes) => axes.Aggregate(1L, (product, axis) => product * (axis.Steps + 1L));

    /// <summary>
    /// The grid's points, each computed in decimal (the bill's cent rounding) only when it is
    /// enumerated and not kept: the first axis varies slowest. This is what lets a grid at the
    /// documented maximum (10,001 x 10,001 points) stream to its writer in bounded memory.
    /// </summary>
    public static IEnumerable<SweepPoint> Points(IReadOnlyList<DeploymentModel> models, IReadOnlyList<SweepAxis> axes)
    {
        var keys = axes.Select(a => a.Key).ToList();
        var evaluators = models.Select(m => ScenarioEvaluator.Create(m, keys)).ToList();
        var values = axes.Select(a => a.Values).ToArray();
        var index = new int[axes.Count];
        for (var n = PointCount(axes); n > 0; n--)
        {
            ImmutableArray<decimal> point = [.. values.Select((axis, a) => axis[index[a]])];
            yield return new SweepPoint(point, [.. evaluators.Select(e => e.EvaluateExact(point.AsSpan()))]);
            for (var a = index.Length - 1; a >= 0 && ++index[a] == values[a].Length; a--)
            {
                index[a] = 0;
            }
        }
    }

    /// <summary>The usage keys of a deployment that are ranges, in the spec's order: what Monte Carlo samples.</summary>
    public static ImmutableArray<string> UncertainKeys(DeploymentModel model) =>
        [.. model.Deployment.Usage.Where(u => !u.Value.IsExact && model.SlotOf.ContainsKey(u.Key)).Select(u => u.Key)];

    /// <summary>
    /// Samples each uncertain usage key from a triangular distribution (low, expected as the mode,
    /// high), evaluates the specialised model in double, and reports the nearest-rank percentiles,
    /// each recomputed exactly in decimal from its own sample.
    /// </summary>
    public static MonteCarloResult MonteCarlo(DeploymentModel model, int samples, ulong seed)
    {
        if (samples is < 1 or > MaxSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), $"samples must be between 1 and {MaxSamples}");
        }

        var keys = UncertainKeys(model);
        var sampler = new UsageSampler(model, keys, seed);
        // Samples come from the spec's own ranges: a value with no result is blamed where the range is written.
        var evaluator = ScenarioEvaluator.Create(model, keys, variedBy: null);
        var totals = new double[samples];
        var order = new int[samples];
        var values = new double[keys.Length];
        for (var i = 0; i < samples; i++)
        {
            sampler.Fill(i, values);
            totals[i] = evaluator.Evaluate(values);
            order[i] = i;
        }

        Array.Sort(totals, order);
        decimal Exact(double p)
        {
            var rank = Math.Clamp((int)Math.Ceiling(p * samples) - 1, 0, samples - 1);
            return evaluator.EvaluateExact(sampler.ExactAt(order[rank]));
        }

        return new MonteCarloResult(model.Deployment.Name, samples, seed, keys, Exact(0), Exact(0.10), Exact(0.50), Exact(0.90), Exact(1));
    }
}

/// <summary>
/// Draws a sample's usage values. The draw for key k of sample i is fixed by (seed, i, key name),
/// not by the key's position, so two deployments sampled with one seed see the same volumes for the
/// keys they share (common random numbers): their difference is then not blurred by noise.
/// </summary>
public sealed class UsageSampler
{
    private readonly ulong _seed;
    private readonly ulong[] _keyOffsets;
    private readonly double[] _low;
    private readonly double[] _mode;
    private readonly double[] _high;

    public UsageSampler(DeploymentModel model, IReadOnlyList<string> keys, ulong seed)
    {
        _seed = seed;
        _keyOffsets = [.. keys.Select(KeyOffset)];
        var ranges = keys.Select(k => model.SlotOf.TryGetValue(k, out var slot) ? model.Variables[slot].Value : ValueRange.Zero).ToList();
        _low = [.. ranges.Select(r => (double)r.Low)];
        _mode = [.. ranges.Select(r => (double)r.Expected)];
        _high = [.. ranges.Select(r => (double)r.High)];
    }

    public void Fill(int sample, Span<double> values)
    {
        for (var k = 0; k < values.Length; k++)
        {
            var u = SeededRandom.Uniform(_seed, ((ulong)sample << 20) | _keyOffsets[k]);
            values[k] = SeededRandom.Triangular(u, _low[k], _mode[k], _high[k]);
        }
    }

    /// <summary>The sample's values as the decimals the exact evaluation and a user's --usage would see.</summary>
    public decimal[] ExactAt(int sample)
    {
        var values = new double[_low.Length];
        Fill(sample, values);
        return [.. values.Select(v => (decimal)v)];
    }

    /// <summary>FNV-1a of the key, in 20 bits: a stable per-key stream offset.</summary>
    private static ulong KeyOffset(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in key)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return hash & 0xFFFFF;
    }
}
