using System.Globalization;
using System.Text;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Testing;

/// <summary>
/// A component catalog a test states itself, written as the catalog's own YAML and read by the
/// real reader, so tests exercise the format users write:
/// <c>new CatalogBuilder().Managed("logs-svc", "logs", c =&gt; c.Cost("ingestion", "logs/gb", "GB", "logs_gb_per_day * 30")).Build()</c>.
/// </summary>
public sealed class CatalogBuilder
{
    private readonly StringBuilder _yaml = new("components:\n");

    /// <summary>A usage-priced managed service.</summary>
    public CatalogBuilder Managed(string id, string capability, Action<ComponentBuilder>? configure = null) => Add(id, capability, "managed", configure);

    /// <summary>A component that runs as pods on the cluster.</summary>
    public CatalogBuilder SelfManaged(string id, string capability, Action<ComponentBuilder>? configure = null) => Add(id, capability, "self-managed", configure);

    private CatalogBuilder Add(string id, string capability, string kind, Action<ComponentBuilder>? configure)
    {
        var component = new ComponentBuilder();
        configure?.Invoke(component);
        _yaml.Append(CultureInfo.InvariantCulture, $"  {id}:\n    capability: {capability}\n    kind: {kind}\n");
        _yaml.Append(component.Yaml);
        return this;
    }

    /// <summary>The catalog YAML, for tests that pass it as a user catalog file.</summary>
    public string Yaml => _yaml.ToString();

    public ComponentCatalog Build(string fileName = "test-catalog.yaml") => ComponentCatalog.Load([new SourceText(fileName, Yaml)]);
}

/// <summary>One component's settings, pods and cost rules.</summary>
public sealed class ComponentBuilder
{
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _settings = new();
    private readonly StringBuilder _pods = new();
    private readonly StringBuilder _costs = new();

    public ComponentBuilder OpsHours(decimal perMonth)
    {
        _head.Append(CultureInfo.InvariantCulture, $"    opsHoursPerMonth: {perMonth}\n    opsHoursBasis: test assumption\n");
        return this;
    }

    public ComponentBuilder Implicit(string? provider = null)
    {
        _head.Append("    implicit: true\n");
        if (provider is not null)
        {
            _head.Append(CultureInfo.InvariantCulture, $"    provider: {provider}\n");
        }

        return this;
    }

    public ComponentBuilder Provider(string provider)
    {
        _head.Append(CultureInfo.InvariantCulture, $"    provider: {provider}\n");
        return this;
    }

    public ComponentBuilder Setting(string name, string value)
    {
        _settings.Append(CultureInfo.InvariantCulture, $"      {name}: {value}\n");
        return this;
    }

    /// <summary>A pod of the default mode, requesting CPU (e.g. "500m") and memory (e.g. "1Gi").</summary>
    public ComponentBuilder Pod(string name, int replicas, string cpu, string memory)
    {
        _pods.Append(CultureInfo.InvariantCulture, $"          - {{name: {name}, replicas: {replicas}, cpu: {cpu}, memory: {memory}}}\n");
        return this;
    }

    /// <summary>A cost rule: <paramref name="quantity"/> (a formula) in <paramref name="unit"/> times the price at <paramref name="priceKey"/>.</summary>
    public ComponentBuilder Cost(string item, string priceKey, string unit, string quantity, string? when = null, string category = "other")
    {
        _costs.Append(CultureInfo.InvariantCulture, $"      - {{item: \"{item}\", category: {category}, price: \"{priceKey}\", unit: \"{unit}\", quantity: \"{quantity}\"");
        if (when is not null)
        {
            _costs.Append(CultureInfo.InvariantCulture, $", when: \"{when}\"");
        }

        _costs.Append("}\n");
        return this;
    }

    internal string Yaml
    {
        get
        {
            var yaml = new StringBuilder(_head.ToString());
            if (_settings.Length > 0)
            {
                yaml.Append("    settings:\n").Append(_settings);
            }

            if (_pods.Length > 0)
            {
                yaml.Append("    modes:\n      default:\n        source: test footprint\n        pods:\n").Append(_pods);
            }

            if (_costs.Length > 0)
            {
                yaml.Append("    costs:\n").Append(_costs);
            }

            return yaml.ToString();
        }
    }
}
