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
    private readonly ILookup<string, TerraformResource> _byConfigAddress;

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
        _byConfigAddress = planned.ToLookup(r => r.ModulePath + "|" + r.ConfigAddress, StringComparer.Ordinal);
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

    public ImmutableArray<Diagnostic> Warnings { get; }

    /// <summary>
    /// The planned resources an argument of <paramref name="resource"/> refers to in the configuration
    /// (an ECS service's task_definition, a node group's launch_template.0.id), in the same module.
    /// Reference paths are matched on their resource part: aws_ecs_task_definition.app.arn names aws_ecs_task_definition.app.
    /// </summary>
    public IReadOnlyList<TerraformResource> References(TerraformResource resource, string argumentPath)
    {
        if (!_expressions.TryGetValue(resource.ModulePath + "|" + resource.ConfigAddress, out var expressions))
        {
            return [];
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

            var matches = _byConfigAddress[resource.ModulePath + "|" + target];
            var first = matches.FirstOrDefault();
            if (first is not null && !found.Contains(first))
            {
                found.Add(first);
            }
        }

        return found;
    }
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
