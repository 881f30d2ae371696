using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Resolve;

namespace Stackplan.Core.Compliance;

/// <summary>What addresses a control in a deployment: a component ("component velero") or a setting ("setting zones"), and how.</summary>
public sealed record ControlEvidence(string Source, string How)
{
    public override string ToString() => $"{Source}: {How}";
}

public sealed record CoveredControl(Control Control, ImmutableArray<ControlEvidence> Evidence);

/// <summary>
/// One deployment measured against a baseline. Every baseline control falls in one of three groups:
/// <see cref="Covered"/> (something in the deployment addresses it), <see cref="Missing"/> (the
/// platform could address it, through some catalog component or setting, but this deployment does
/// not) and <see cref="Organisational"/> (no platform choice addresses it: policy, people,
/// premises and suppliers, left to other parts of the organisation).
/// </summary>
public sealed record Coverage(
    DeploymentRef Deployment,
    Baseline Baseline,
    ImmutableArray<CoveredControl> Covered,
    ImmutableArray<Control> Missing,
    ImmutableArray<Control> Organisational)
{
    public int Total => Covered.Length + Missing.Length + Organisational.Length;

    /// <summary>Controls the platform can address at all: covered plus missing.</summary>
    public int Addressable => Covered.Length + Missing.Length;

    public bool Covers(string controlId) => Covered.Any(c => c.Control.Id == controlId);

    /// <summary>Controls this deployment covers and <paramref name="other"/> does not, with what covered them here (dev without Velero loses CP-9).</summary>
    public ImmutableArray<CoveredControl> LostIn(Coverage other) => [.. Covered.Where(c => !other.Covers(c.Control.Id))];
}

/// <summary>Maps a resolved deployment's components and settings to the NIST controls they support. Pure.</summary>
public sealed class CoverageCalculator(ControlSet controls, ComponentCatalog catalog)
{
    private readonly ImmutableHashSet<string> _addressable =
        [.. catalog.Components.SelectMany(c => c.Controls).Select(c => c.ControlId).Concat(SettingControls.All.Select(s => s.ControlId))];

    /// <summary>A control and one piece of evidence that the deployment addresses it.</summary>
    public sealed record Claim(string ControlId, ControlEvidence Evidence);

    /// <summary>Every piece of evidence for every control the deployment addresses, whatever the baseline.</summary>
    public static ImmutableArray<Claim> Evidence(Deployment deployment)
    {
        var claims = ImmutableArray.CreateBuilder<Claim>();

        // Implicit components (control plane, NAT) are added to every deployment and only their cost
        // formulas know whether the environment really uses them; their settings speak for them instead.
        foreach (var c in deployment.Components.Where(c => !c.Component.Implicit))
        {
            claims.AddRange(c.Component.Controls.Select(s => new Claim(s.ControlId, new ControlEvidence($"component {c.Id}", s.How))));
        }

        foreach (var setting in SettingControls.All)
        {
            if (setting.How(deployment.Environment) is { } how)
            {
                claims.Add(new Claim(setting.ControlId, new ControlEvidence($"setting {setting.SettingPath}", how)));
            }
        }

        return claims.ToImmutable();
    }

    public Coverage Measure(Deployment deployment, Baseline baseline)
    {
        var evidence = Evidence(deployment).ToLookup(e => e.ControlId, e => e.Evidence, StringComparer.Ordinal);
        var covered = ImmutableArray.CreateBuilder<CoveredControl>();
        var missing = ImmutableArray.CreateBuilder<Control>();
        var organisational = ImmutableArray.CreateBuilder<Control>();
        foreach (var control in controls.InBaseline(baseline))
        {
            if (evidence.Contains(control.Id))
            {
                covered.Add(new CoveredControl(control, [.. evidence[control.Id]]));
            }
            else if (_addressable.Contains(control.Id))
            {
                missing.Add(control);
            }
            else
            {
                organisational.Add(control);
            }
        }

        return new Coverage(deployment.Ref, baseline, covered.ToImmutable(), missing.ToImmutable(), organisational.ToImmutable());
    }
}
