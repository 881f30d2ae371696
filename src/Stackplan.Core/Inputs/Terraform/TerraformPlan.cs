using System.Collections.Immutable;
using System.Text.Json;
using Stackplan.Core.Model;

namespace Stackplan.Core.Inputs.Terraform;

/// <summary>
/// One managed resource of a plan or state, as <c>terraform show -json</c> writes it: its full
/// address (module path, count or for_each key included), type, the values Terraform knows and
/// the region of the provider it is created with.
/// </summary>
public sealed record TerraformResource(
    string Address,
    string Type,
    string Name,
    string ModuleAddress,
    JsonElement Values,
    string Region)
{
    /// <summary>The address without count/for_each keys inside the module: how <c>configuration</c> names it.</summary>
    public string ConfigAddress => TerraformAddress.WithoutIndexes(TerraformAddress.Local(Address, ModuleAddress));

    /// <summary>The module path without count/for_each keys, e.g. module.eks.module.ng.</summary>
    public string ModulePath => TerraformAddress.WithoutIndexes(ModuleAddress);
}

/// <summary>
/// A Terraform plan or state read from its JSON representation: the resources it will have
/// (planned values, or a state's values), the ones it had (<c>prior_state</c>), and the
/// configuration's references between resources.
/// </summary>
public sealed class TerraformPlan
{
    private readonly ImmutableDictionary<string, JsonElement> _expressions;
    private readonly ILookup<string, TerraformResource> _planned;
    private readonly ILookup<string, TerraformResource> _prior;

    internal TerraformPlan(
        string fileName,
        bool isState,
        string region,
        string? timestamp,
        ImmutableArray<TerraformResource> planned,
        ImmutableArray<TerraformResource> prior,
        ImmutableDictionary<string, JsonElement> expressions,
        ImmutableArray<Diagnostic> warnings)
    {
        FileName = fileName;
        IsState = isState;
        Region = region;
        Timestamp = timestamp;
        Planned = planned;
        Prior = prior;
        _expressions = expressions;
        Warnings = warnings;
        _planned = planned.ToLookup(r => r.ModulePath + "|" + r.ConfigAddress, StringComparer.Ordinal);
        _prior = prior.ToLookup(r => r.ModulePath + "|" + r.ConfigAddress, StringComparer.Ordinal);
    }

    public string FileName { get; }

    /// <summary>True for a state file (<c>values</c>), false for a plan (<c>planned_values</c>).</summary>
    public bool IsState { get; }

    /// <summary>The region of the root module's default aws provider; us-east-1 when the plan does not say (with a warning).</summary>
    public string Region { get; }

    /// <summary>The plan's own <c>timestamp</c> (Terraform 1.5+), the date facts such as EKS support windows are judged at.</summary>
    public string? Timestamp { get; }

    /// <summary>Managed resources after the change (or in the state), in the file's order.</summary>
    public ImmutableArray<TerraformResource> Planned { get; }

    /// <summary>Managed resources before the change (<c>prior_state</c>); empty for a state file or a first apply.</summary>
    public ImmutableArray<TerraformResource> Prior { get; }

    public ImmutableArray<TerraformResource> Resources(PlanSide side) => side == PlanSide.Prior ? Prior : Planned;

    public ImmutableArray<Diagnostic> Warnings { get; }

    /// <summary>
    /// The planned resources an argument of <paramref name="resource"/> refers to in the configuration
    /// (an ECS service's task_definition, a node group's launch_template.0.id), in the same module.
    /// Reference paths are matched on their resource part: aws_ecs_task_definition.app.arn names aws_ecs_task_definition.app.
    /// The referenced resources are taken from the same side (planned or prior) as <paramref name="resource"/>.
    /// </summary>
    public IReadOnlyList<TerraformResource> References(TerraformResource resource, string argumentPath, PlanSide side = PlanSide.Planned)
    {
        if (!_expressions.TryGetValue(resource.ModulePath + "|" + resource.ConfigAddress, out var expressions))
        {
            return ByValue(resource, argumentPath, side);
        }

        var node = expressions;
        foreach (var part in argumentPath.Split('.'))
        {
            if (node.ValueKind == JsonValueKind.Array && int.TryParse(part, out var i))
            {
                if (i >= node.GetArrayLength())
                {
                    return [];
                }

                node = node[i];
            }
            else if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return [];
            }
        }

        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("references", out var refs) || refs.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var found = new List<TerraformResource>();
        foreach (var reference in refs.EnumerateArray())
        {
            if (reference.GetString() is not { } text || TerraformAddress.ResourcePart(text) is not { } target)
            {
                continue;
            }

            // aws_eip.nat[count.index] from aws_nat_gateway.per_az[1] is aws_eip.nat[1]: with several
            // instances, the one with the referring resource's own index; else the first.
            var matches = (side == PlanSide.Prior ? _prior : _planned)[resource.ModulePath + "|" + target].ToList();
            var ownIndex = IndexOf(resource.Address);
            var chosen = matches.Count > 1 && ownIndex is not null ? matches.FirstOrDefault(m => IndexOf(m.Address) == ownIndex) ?? matches[0] : matches.FirstOrDefault();
            if (chosen is not null && !found.Contains(chosen))
            {
                found.Add(chosen);
            }
        }

        return found;
    }

    /// <summary>
    /// Without configuration (a state file), an argument holds the referenced resource's real id or
    /// ARN: the resource of the same side whose id or arn (a task definition's ARN without its
    /// revision too) equals it.
    /// </summary>
    private IReadOnlyList<TerraformResource> ByValue(TerraformResource resource, string argumentPath, PlanSide side)
    {
        if (ResourceReader.Text(resource.Values, argumentPath) is not { } value)
        {
            return [];
        }

        foreach (var candidate in Resources(side))
        {
            if (ResourceReader.Text(candidate.Values, "id") == value || ResourceReader.Text(candidate.Values, "arn") is { } arn && (arn == value || arn.StartsWith(value + ":", StringComparison.Ordinal)))
            {
                return [candidate];
            }
        }

        return [];
    }

    /// <summary>The last [index] of an address ("[1]", "[\"a\"]"), or null.</summary>
    private static string? IndexOf(string address) =>
        address.EndsWith(']') && address.LastIndexOf('[') is var open and >= 0 ? address[open..] : null;
}

/// <summary>Terraform address arithmetic: addresses are compared as strings, as the JSON format advises.</summary>
public static class TerraformAddress
{
    /// <summary>Drops every [index] or ["key"] from an address.</summary>
    public static string WithoutIndexes(string address)
    {
        if (!address.Contains('[', StringComparison.Ordinal))
        {
            return address;
        }

        var result = new System.Text.StringBuilder(address.Length);
        var depth = 0;
        var inString = false;
        foreach (var ch in address)
        {
            if (depth > 0)
            {
                if (ch == '"')
                {
                    inString = !inString;
                }
                else if (ch == ']' && !inString)
                {
                    depth--;
                }

                continue;
            }

            if (ch == '[')
            {
                depth++;
                continue;
            }

            result.Append(ch);
        }

        return result.ToString();
    }

    /// <summary>The address inside its module: module.eks.aws_x.y[0] in module.eks is aws_x.y[0].</summary>
    public static string Local(string address, string moduleAddress) =>
        moduleAddress.Length > 0 && address.StartsWith(moduleAddress + ".", StringComparison.Ordinal) ? address[(moduleAddress.Length + 1)..] : address;

    /// <summary>The resource a reference names: aws_ecs_task_definition.app.arn is aws_ecs_task_definition.app; var.x and local.y name none.</summary>
    public static string? ResourcePart(string reference)
    {
        var text = WithoutIndexes(reference);
        var parts = text.Split('.');
        if (parts.Length < 2 || parts[0] is "var" or "local" or "module" or "data" or "each" or "count" or "path" or "self" or "terraform")
        {
            return null;
        }

        return parts[0] + "." + parts[1];
    }
}
