using System.Collections.Immutable;
using Stackplan.Core.Model;

namespace Stackplan.Core.Parsing;

/// <summary>Reads <c>analysis:</c>; every key checked, every number bounded, every diagnostic with its location.</summary>
internal static class AnalysisReader
{
    public static AnalysisSpec Read(YamlFieldReader r, YamlNode? node)
    {
        var m = r.Mapping(node, "analysis");
        if (m is null)
        {
            return AnalysisSpec.Empty;
        }

        r.CheckKeys(m, "analysis", "tco", "migration", "weights", "volumes");
        return new AnalysisSpec(ReadTco(r, m["tco"]), ReadMigration(r, m["migration"]), ReadWeights(r, m["weights"]), m.Location, ReadVolumes(r, m["volumes"]));
    }

    private static ImmutableArray<VolumeTable> ReadVolumes(YamlFieldReader r, YamlNode? node)
    {
        var tables = ImmutableArray.CreateBuilder<VolumeTable>();
        foreach (var (key, value) in r.Mapping(node, "analysis.volumes (table name: sides and points)")?.Entries ?? [])
        {
            var at = $"analysis.volumes.{key.Value}";
            if (r.Mapping(value, at) is not { } t)
            {
                continue;
            }

            r.CheckKeys(t, at, "description", "sides", "points");
            var sides = ImmutableArray.CreateBuilder<VolumeSide>();
            foreach (var item in r.Sequence(t["sides"], at + ".sides")?.Items ?? [])
            {
                if (r.Mapping(item, at + ".sides[]") is not { } side)
                {
                    continue;
                }

                r.CheckKeys(side, at + ".sides[]", "environment", "option", "components");
                var components = (r.Sequence(side["components"], at + ".sides[].components")?.Items ?? []).Select(i => r.String(i, at + ".sides[].components[]") ?? "").Where(c => c.Length > 0);
                sides.Add(new VolumeSide(new DeploymentRef(r.RequiredString(side, "environment", at + ".sides[]"), r.RequiredString(side, "option", at + ".sides[]"), side.Location), [.. components], side.Location));
            }

            var points = ImmutableArray.CreateBuilder<VolumePoint>();
            foreach (var (name, usage) in r.Mapping(t["points"], at + ".points (point name: {usage key: value})")?.Entries ?? [])
            {
                var values = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
                foreach (var (usageKey, number) in r.Mapping(usage, $"{at}.points.{name.Value}")?.Entries ?? [])
                {
                    if (r.Decimal(number, $"{at}.points.{name.Value}.{usageKey.Value}", 0m, 1e15m) is { } v)
                    {
                        values[usageKey.Value] = v;
                    }
                }

                points.Add(new VolumePoint(name.Value, values.ToImmutable(), name.Location));
            }

            if (sides.Count < 1 || points.Count < 1)
            {
                r.Diagnostics.Add(DiagnosticCodes.MissingKey, t.Location, $"{at} needs at least one side and one point");
                continue;
            }

            tables.Add(new VolumeTable(key.Value, r.String(t["description"], at + ".description"), sides.ToImmutable(), points.ToImmutable(), key.Location));
        }

        return tables.ToImmutable();
    }

    private static ImmutableArray<TcoScenario> ReadTco(YamlFieldReader r, YamlNode? node)
    {
        var scenarios = ImmutableArray.CreateBuilder<TcoScenario>();
        foreach (var (key, value) in r.Mapping(node, "analysis.tco (scenario name: settings)")?.Entries ?? [])
        {
            var at = $"analysis.tco.{key.Value}";
            if (r.Mapping(value, at) is not { } s)
            {
                continue;
            }

            r.CheckKeys(s, at, "description", "years", "growthPerYear", "discountRate", "onPrem", "cloud");
            var onPrem = r.Mapping(s["onPrem"], at + ".onPrem");
            var cloud = r.Mapping(s["cloud"], at + ".cloud");
            if (onPrem is null || cloud is null)
            {
                r.Diagnostics.Add(DiagnosticCodes.MissingKey, s.Location, $"{at} needs both 'onPrem' and 'cloud'");
                continue;
            }

            r.CheckKeys(onPrem, at + ".onPrem", "hardware", "refreshYears", "hardwareOwned", "operationsPerMonth", "operations", "staffPerMonth");
            r.CheckKeys(cloud, at + ".cloud", "migration", "runRatePerMonth", "runRate", "staffPerMonth");
            scenarios.Add(new TcoScenario(
                key.Value,
                r.String(s["description"], at + ".description"),
                r.Int(s["years"], at + ".years", 1, 50) ?? 3,
                r.Decimal(s["growthPerYear"], at + ".growthPerYear", -0.9m, 10m) ?? 0m,
                r.Decimal(s["discountRate"], at + ".discountRate", 0m, 1m) ?? 0m,
                new OnPremCosts(
                    Money(r, onPrem["hardware"], at + ".onPrem.hardware") ?? 0m,
                    r.Int(onPrem["refreshYears"], at + ".onPrem.refreshYears", 1, 50) ?? 5,
                    r.Bool(onPrem["hardwareOwned"], at + ".onPrem.hardwareOwned") ?? false,
                    Figure(r, onPrem, "operationsPerMonth", "operations", at + ".onPrem"),
                    Money(r, onPrem["staffPerMonth"], at + ".onPrem.staffPerMonth") ?? 0m),
                new CloudCosts(
                    Money(r, cloud["migration"], at + ".cloud.migration") ?? 0m,
                    Figure(r, cloud, "runRatePerMonth", "runRate", at + ".cloud"),
                    Money(r, cloud["staffPerMonth"], at + ".cloud.staffPerMonth") ?? 0m),
                key.Location));
        }

        return scenarios.ToImmutable();
    }

    private static decimal? Money(YamlFieldReader r, YamlNode? node, string what) => r.Decimal(node, what + " (USD)", 0m, 1e12m);

    /// <summary>Either "<paramref name="amountKey"/>: 1234" or "<paramref name="deploymentKey"/>: {environment, option}", exactly one.</summary>
    private static MonthlyFigure Figure(YamlFieldReader r, YamlMapping m, string amountKey, string deploymentKey, string what)
    {
        var amount = Money(r, m[amountKey], $"{what}.{amountKey}");
        DeploymentRef? deployment = null;
        if (r.Mapping(m[deploymentKey], $"{what}.{deploymentKey} ({{environment, option}})") is { } d)
        {
            r.CheckKeys(d, $"{what}.{deploymentKey}", "environment", "option");
            deployment = new DeploymentRef(r.RequiredString(d, "environment", $"{what}.{deploymentKey}"), r.RequiredString(d, "option", $"{what}.{deploymentKey}"), d.Location);
        }

        if ((m[amountKey] is null) == (m[deploymentKey] is null))
        {
            r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"{what} needs exactly one of '{amountKey}' (a number) and '{deploymentKey}' ({{environment, option}} whose estimate is used)");
        }

        return new MonthlyFigure(amount, deployment, m.Location);
    }

    private static ImmutableDictionary<string, MigrationEffort> ReadMigration(YamlFieldReader r, YamlNode? node)
    {
        var result = ImmutableDictionary.CreateBuilder<string, MigrationEffort>(StringComparer.Ordinal);
        foreach (var (key, value) in r.Mapping(node, "analysis.migration (component id: effort)")?.Entries ?? [])
        {
            var at = $"analysis.migration.{key.Value}";
            if (r.Mapping(value, at) is not { } e)
            {
                continue;
            }

            r.CheckKeys(e, at, "effortDays", "risk", "after", "note");
            var after = (r.Sequence(e["after"], at + ".after")?.Items ?? []).Select(i => r.String(i, at + ".after[]") ?? "").Where(s => s.Length > 0);
            result[key.Value] = new MigrationEffort(key.Value, r.Decimal(e["effortDays"], at + ".effortDays", 0m, 10_000m) ?? 1m, r.Enum<MigrationRisk>(e["risk"], at + ".risk") ?? MigrationRisk.Medium, [.. after], r.String(e["note"], at + ".note"), key.Location);
        }

        return result.ToImmutable();
    }

    private static ImmutableDictionary<string, decimal> ReadWeights(YamlFieldReader r, YamlNode? node)
    {
        var result = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        if (r.Mapping(node, "analysis.weights (factor: weight)") is not { } m)
        {
            return result.ToImmutable();
        }

        r.CheckKeys(m, "analysis.weights", AnalysisSpec.Factors);
        foreach (var (key, value) in m.Entries)
        {
            if (r.Decimal(value, $"analysis.weights.{key.Value}", 0m, 100m) is { } w)
            {
                result[key.Value] = w;
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Deployments named in the section must exist; migration dependencies must be listed too.</summary>
    public static void CheckReferences(PlatformSpec spec, DiagnosticBag bag)
    {
        var figures = spec.Analysis.Tco.SelectMany(t => new[] { t.OnPrem.Operations, t.Cloud.RunRate });
        var sides = spec.Analysis.Volumes.SelectMany(v => v.Sides).Select(s => s.Deployment);
        foreach (var d in figures.Select(f => f.Deployment).OfType<DeploymentRef>().Concat(sides))
        {
            if (spec.FindEnvironment(d.Environment) is null)
            {
                bag.Add(DiagnosticCodes.UnknownReference, d.Location, $"analysis names environment '{d.Environment}', which the spec does not define", Spelling.Suggest(d.Environment, spec.Environments.Select(e => e.Name)));
            }

            if (spec.FindOption(d.Option) is null)
            {
                bag.Add(DiagnosticCodes.UnknownReference, d.Location, $"analysis names option '{d.Option}', which the spec does not define", Spelling.Suggest(d.Option, spec.Options.Select(o => o.Name)));
            }
        }

        foreach (var effort in spec.Analysis.Migration.Values)
        {
            foreach (var dependency in effort.After.Where(a => !spec.Analysis.Migration.ContainsKey(a)))
            {
                bag.Add(DiagnosticCodes.UnknownReference, effort.Location, $"analysis.migration.{effort.Component} comes after '{dependency}', which analysis.migration does not list", Spelling.Suggest(dependency, spec.Analysis.Migration.Keys));
            }
        }
    }
}
