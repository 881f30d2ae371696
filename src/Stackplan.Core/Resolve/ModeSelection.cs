using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Formulas;
using Stackplan.Core.Model;

namespace Stackplan.Core.Resolve;

/// <summary>
/// <c>mode: auto</c>: the vendor's recommended mode for the volume. The modes that state a
/// <see cref="ModeLimit"/> are tried in the catalog's order, and the first whose limit holds is the
/// one that runs; a mode with no limit takes everything above. The choice is not made once at the
/// expected volume: the auto mode is the union of the candidates, each pod and cost gated by a
/// formula that is 1 when its mode is the chosen one, so sweeps and Monte Carlo runs switch mode
/// where the volume crosses a limit, exactly as <c>compare --usage</c> at that volume would.
/// </summary>
public static class ModeSelection
{
    public const string Auto = "auto";

    /// <summary>True when the component has a limit to choose by.</summary>
    public static bool CanChoose(Component component) => component.Modes.Any(m => m.Limit is not null);

    /// <summary>The gated union of the component's modes, named <c>auto</c>.</summary>
    public static ComponentMode AutoMode(Component component)
    {
        var pods = ImmutableArray.CreateBuilder<PodFootprint>();
        var daemonSets = ImmutableArray.CreateBuilder<PodFootprint>();
        var costs = ImmutableArray.CreateBuilder<CostRule>();
        var passedBefore = new List<string>();
        var sources = new List<string>();
        foreach (var mode in component.Modes)
        {
            var limit = mode.Limit;
            var gateParts = passedBefore.Append(limit is null ? "1" : $"(({limit.Usage.Text}) <= {Number(limit.Max)})").ToList();
            var gate = string.Join(" * ", gateParts);
            pods.AddRange(mode.Pods.Select(p => Gated(mode, p, gate)));
            daemonSets.AddRange(mode.DaemonSets.Select(p => Gated(mode, p, gate)));
            costs.AddRange(mode.Costs.Select(c => c with { When = Formula.Parse(c.When is null ? gate : $"({c.When.Text}) * {gate}") }));
            sources.Add(limit is null ? $"{mode.Name} above that" : $"{mode.Name} up to {Number(limit.Max)} {limit.Unit} ({limit.Source})");
            if (limit is null)
            {
                break;
            }

            passedBefore.Add($"(({limit.Usage.Text}) > {Number(limit.Max)})");
        }

        return new ComponentMode(
            Auto,
            "the mode recommended for the volume: " + string.Join("; ", sources),
            string.Join(" | ", component.Modes.Where(m => m.FootprintSource is not null).Select(m => $"{m.Name}: {m.FootprintSource}")),
            pods.ToImmutable(),
            daemonSets.ToImmutable(),
            costs.ToImmutable());
    }

    private static PodFootprint Gated(ComponentMode mode, PodFootprint pod, string gate) =>
        pod with { Name = $"{mode.Name}/{pod.Name}", Replicas = Formula.Parse($"({pod.Replicas.Text}) * {gate}") };

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
