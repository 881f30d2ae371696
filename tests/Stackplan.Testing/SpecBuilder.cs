using System.Globalization;
using System.Text;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Testing;

/// <summary>
/// A platform spec a test states itself, written as spec YAML and read by the real reader:
/// <c>new SpecBuilder().InstanceType("m.test", 2, 8, 30).Environment("prod", e =&gt; e.NodeGroup("general", "m.test", 2)).Build()</c>.
/// Instance types declared here keep sizing tests off the shipped instance table.
/// </summary>
public sealed class SpecBuilder(string name = "test")
{
    private readonly StringBuilder _root = new();
    private readonly StringBuilder _usage = new();
    private readonly StringBuilder _capabilities = new();
    private readonly StringBuilder _services = new();
    private readonly StringBuilder _instanceTypes = new();
    private readonly StringBuilder _environments = new();

    public SpecBuilder Provider(string provider) => Root("provider", provider);

    public SpecBuilder Region(string region) => Root("region", region);

    /// <summary>Any other top-level key, as YAML (e.g. "labour", "{ratePerHour: 100, source: test}").</summary>
    public SpecBuilder Root(string key, string value)
    {
        _root.Append(CultureInfo.InvariantCulture, $"{key}: {value}\n");
        return this;
    }

    public SpecBuilder Usage(string key, decimal value)
    {
        _usage.Append(CultureInfo.InvariantCulture, $"  {key}: {value}\n");
        return this;
    }

    public SpecBuilder Capability(string capability, string component)
    {
        _capabilities.Append(CultureInfo.InvariantCulture, $"  {capability}: {component}\n");
        return this;
    }

    /// <summary>A service of the team's own, requesting CPU (e.g. "500m") and memory (e.g. "1Gi") per replica.</summary>
    public SpecBuilder Service(string service, int replicas, string cpu, string memory)
    {
        _services.Append(CultureInfo.InvariantCulture, $"    - {{name: {service}, replicas: {replicas}, cpu: {cpu}, memory: {memory}}}\n");
        return this;
    }

    public SpecBuilder InstanceType(string type, decimal vcpu, decimal memoryGiB, int maxPods)
    {
        _instanceTypes.Append(CultureInfo.InvariantCulture, $"  {type}: {{vcpu: {vcpu}, memoryGiB: {memoryGiB}, maxPods: {maxPods}}}\n");
        return this;
    }

    /// <summary>An environment; by default one zone and no NAT gateway, so only what the test adds costs.</summary>
    public SpecBuilder Environment(string environment, Action<EnvironmentBuilder>? configure = null)
    {
        var builder = new EnvironmentBuilder();
        configure?.Invoke(builder);
        _environments.Append(CultureInfo.InvariantCulture, $"  {environment}:\n").Append(builder.Yaml);
        return this;
    }

    public string Yaml
    {
        get
        {
            var yaml = new StringBuilder("stackplan: 1\n").Append(CultureInfo.InvariantCulture, $"name: {name}\n").Append(_root);
            Section(yaml, "usage", _usage);
            Section(yaml, "capabilities", _capabilities);
            if (_services.Length > 0)
            {
                yaml.Append("workloads:\n  services:\n").Append(_services);
            }

            Section(yaml, "instanceTypes", _instanceTypes);
            Section(yaml, "environments", _environments);
            return yaml.ToString();
        }
    }

    /// <summary>The spec read by <see cref="SpecReader"/>; throws <see cref="InputException"/> as it would for a user's file.</summary>
    public PlatformSpec Build(string fileName = "test.yaml") => SpecReader.Read(Yaml, fileName);

    private static void Section(StringBuilder yaml, string key, StringBuilder body)
    {
        if (body.Length > 0)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"{key}:\n").Append(body);
        }
    }
}

/// <summary>One environment's keys.</summary>
public sealed class EnvironmentBuilder
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal) { ["zones"] = "1", ["natGateways"] = "none" };
    private readonly StringBuilder _nodeGroups = new();

    /// <summary>Any environment key, as YAML (e.g. "cluster", "{kind: ecs-fargate}").</summary>
    public EnvironmentBuilder Set(string key, string value)
    {
        _keys[key] = value;
        return this;
    }

    public EnvironmentBuilder Cluster(string kind) => Set("cluster", $"{{kind: {kind}}}");

    /// <summary>A fixed-size node group (a 20 GB root disk of the provider's default class unless <paramref name="disk"/> says otherwise).</summary>
    public EnvironmentBuilder NodeGroup(string group, string instanceType, int count, string? disk = null)
    {
        _nodeGroups.Append(CultureInfo.InvariantCulture, $"      - {{name: {group}, instanceType: {instanceType}, count: {count}{(disk is null ? "" : $", disk: {disk}")}}}\n");
        return this;
    }

    internal string Yaml
    {
        get
        {
            var yaml = new StringBuilder();
            foreach (var (key, value) in _keys.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    {key}: {value}\n");
            }

            if (_nodeGroups.Length > 0)
            {
                yaml.Append("    nodeGroups:\n").Append(_nodeGroups);
            }

            return yaml.ToString();
        }
    }
}
