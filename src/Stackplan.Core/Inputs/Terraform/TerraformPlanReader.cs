using System.Collections.Immutable;
using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Inputs.Terraform;

/// <summary>
/// Reads <c>terraform show -json</c> output, a plan (<c>planned_values</c>, <c>prior_state</c>,
/// <c>configuration</c>) or a state (<c>values</c>), into a <see cref="TerraformPlan"/>.
/// Format facts: hashicorp/terraform website/docs/internals/json-format.mdx (format_version 1.x).
/// Bad JSON or a document of another shape raises <see cref="InputException"/> with line:column.
/// </summary>
public static class TerraformPlanReader
{
    /// <summary>A plan of tens of thousands of resources is a few hundred MiB at most; anything larger is refused unread.</summary>
    public const long MaxPlanBytes = 512L * 1024 * 1024;

    private const string DefaultRegion = "us-east-1";

    /// <summary>True when the text looks like Terraform's JSON (an object with format_version), so callers route it here, not to the YAML spec reader.</summary>
    public static bool LooksLikeTerraformJson(string text)
    {
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }

        if (start >= text.Length || text[start] != '{')
        {
            return false;
        }

        var head = text.AsSpan(start, Math.Min(text.Length - start, 4096));
        return head.Contains("\"format_version\"", StringComparison.Ordinal) || head.Contains("\"planned_values\"", StringComparison.Ordinal)
            || head.Contains("\"terraform_version\"", StringComparison.Ordinal);
    }

    public static TerraformPlan Read(string json, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InputException(DiagnosticCodes.InvalidPlan, new SourceLocation(fileName, JsonSyntaxError.Line(e), JsonSyntaxError.Column(e)), $"not valid JSON: {JsonSyntaxError.Describe(e)}", "a Terraform plan comes from 'terraform show -json PLANFILE > plan.json'");
        }

        using (document)
        {
            return Read(document.RootElement, fileName);
        }
    }

    private static TerraformPlan Read(JsonElement root, string fileName)
    {
        var at = new SourceLocation(fileName, 1, 1);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(DiagnosticCodes.InvalidPlan, at, "a Terraform plan or state is a JSON object", "make it with 'terraform show -json PLANFILE'");
        }

        var version = Text(root, "format_version");
        if (version is null || !version.StartsWith("1.", StringComparison.Ordinal) && version != "1")
        {
            throw new InputException(DiagnosticCodes.InvalidPlan, at, version is null ? "this JSON has no 'format_version': it is not Terraform's plan or state format" : $"format_version '{version}' is not one this stackplan reads (1.x)", "make it with 'terraform show -json PLANFILE' (Terraform 0.12 or later)");
        }

        var isState = !root.TryGetProperty("planned_values", out var planned);
        JsonElement values = default;
        var hasValues = isState ? root.TryGetProperty("values", out values) : planned.TryGetProperty("root_module", out _);
        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        var variables = root.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object ? v : default;
        var configuration = root.TryGetProperty("configuration", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var providers = ProviderRegions(configuration, variables);
        var expressions = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        var providerKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty("root_module", out var configRoot))
        {
            CollectConfiguration(configRoot, "", expressions, providerKeys, 0);
        }

        if (!providers.TryGetValue("aws", out var region) && (region = RegionInValues(isState ? values : planned)) is null)
        {
            region = DefaultRegion;
            warnings.Add(new Diagnostic(DiagnosticCodes.AssumedRegion, at, $"the plan names no region for the aws provider (neither a constant nor a variable with a value); {DefaultRegion} is assumed", "set the provider's region, or give the region variable a value"));
        }

        var plannedResources = ImmutableArray.CreateBuilder<TerraformResource>();
        if (hasValues)
        {
            var module = isState ? values : planned;
            if (module.TryGetProperty("root_module", out var rootModule))
            {
                CollectResources(rootModule, plannedResources, providers, providerKeys, region, 0);
            }
        }

        var prior = ImmutableArray.CreateBuilder<TerraformResource>();
        if (!isState && root.TryGetProperty("prior_state", out var priorState) && priorState.TryGetProperty("values", out var priorValues)
            && priorValues.TryGetProperty("root_module", out var priorRoot))
        {
            CollectResources(priorRoot, prior, providers, providerKeys, region, 0);
        }

        return new TerraformPlan(fileName, isState, region, Text(root, "timestamp"), plannedResources.ToImmutable(), prior.ToImmutable(), expressions.ToImmutable(), warnings.ToImmutable());
    }

    /// <summary>Region per provider configuration key ("aws", "aws.west", "module.x:aws"): a constant, or a var.NAME reference with a value.</summary>
    private static Dictionary<string, string> ProviderRegions(JsonElement configuration, JsonElement variables)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configuration.ValueKind != JsonValueKind.Object || !configuration.TryGetProperty("provider_config", out var providers) || providers.ValueKind != JsonValueKind.Object)
        {
            return regions;
        }

        foreach (var provider in providers.EnumerateObject())
        {
            if (!provider.Value.TryGetProperty("expressions", out var expressions) || !expressions.TryGetProperty("region", out var region))
            {
                continue;
            }

            if (Text(region, "constant_value") is { } constant)
            {
                regions[provider.Name] = constant;
                continue;
            }

            if (region.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array)
            {
                foreach (var reference in refs.EnumerateArray())
                {
                    if (reference.GetString() is { } name && name.StartsWith("var.", StringComparison.Ordinal) && variables.ValueKind == JsonValueKind.Object
                        && variables.TryGetProperty(name[4..], out var variable) && Text(variable, "value") is { } value)
                    {
                        regions[provider.Name] = value;
                        break;
                    }
                }
            }
        }

        return regions;
    }

    private static void CollectConfiguration(JsonElement module, string path, ImmutableDictionary<string, JsonElement>.Builder expressions, Dictionary<string, string> providerKeys, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        if (module.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in resources.EnumerateArray())
            {
                if (Text(r, "address") is not { } address)
                {
                    continue;
                }

                var key = path + "|" + address;
                if (r.TryGetProperty("expressions", out var e))
                {
                    expressions[key] = e.Clone();
                }

                if (Text(r, "provider_config_key") is { } providerKey)
                {
                    providerKeys[key] = providerKey;
                }
            }
        }

        if (module.TryGetProperty("module_calls", out var calls) && calls.ValueKind == JsonValueKind.Object)
        {
            foreach (var call in calls.EnumerateObject())
            {
                if (call.Value.TryGetProperty("module", out var child))
                {
                    CollectConfiguration(child, (path.Length == 0 ? "" : path + ".") + "module." + call.Name, expressions, providerKeys, depth + 1);
                }
            }
        }
    }

    private static void CollectResources(JsonElement module, ImmutableArray<TerraformResource>.Builder into, Dictionary<string, string> regions, Dictionary<string, string> providerKeys, string defaultRegion, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        var moduleAddress = Text(module, "address") ?? "";
        if (module.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in resources.EnumerateArray())
            {
                if (Text(r, "mode") == "data" || Text(r, "address") is not { } address || Text(r, "type") is not { } type)
                {
                    continue;
                }

                var values = r.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Object ? v.Clone() : EmptyObject;
                var resource = new TerraformResource(address, type, Text(r, "name") ?? "", moduleAddress, values, defaultRegion);
                into.Add(resource with { Region = RegionOf(resource, values, regions, providerKeys, defaultRegion) });
            }
        }

        if (module.TryGetProperty("child_modules", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                CollectResources(child, into, regions, providerKeys, defaultRegion, depth + 1);
            }
        }
    }

    /// <summary>
    /// The resource's own region argument (AWS provider 6), else its provider configuration's region
    /// (aliased providers; a module's "module.x:aws" key falls back to the root's "aws"), else the default.
    /// </summary>
    private static string RegionOf(TerraformResource resource, JsonElement values, Dictionary<string, string> regions, Dictionary<string, string> providerKeys, string defaultRegion)
    {
        if (Text(values, "region") is { Length: > 0 } own)
        {
            return own;
        }

        if (providerKeys.TryGetValue(resource.ModulePath + "|" + resource.ConfigAddress, out var key))
        {
            if (regions.TryGetValue(key, out var region))
            {
                return region;
            }

            var colon = key.LastIndexOf(':');
            if (colon >= 0 && regions.TryGetValue(key[(colon + 1)..], out region))
            {
                return region;
            }
        }

        return defaultRegion;
    }

    /// <summary>
    /// A state file has no provider configuration; its resources' values still say where they are:
    /// the region field of an ARN (arn:aws:SERVICE:REGION:...) or an availability zone (eu-west-1a).
    /// The region most resources name wins (ties: the first in the file).
    /// </summary>
    private static string? RegionInValues(JsonElement module)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        void Scan(JsonElement m, int depth)
        {
            if (depth > 64 || m.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (m.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in resources.EnumerateArray())
                {
                    if (!r.TryGetProperty("values", out var v) || v.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var found = Text(v, "arn") is { } arn && arn.Split(':') is [_, _, _, { Length: > 0 } inArn, ..] ? inArn
                        : Text(v, "availability_zone") is { Length: > 1 } zone && char.IsLetter(zone[^1]) ? zone[..^1] : null;
                    if (found is not null)
                    {
                        if (!counts.TryGetValue(found, out var n))
                        {
                            order.Add(found);
                        }

                        counts[found] = n + 1;
                    }
                }
            }

            if (m.TryGetProperty("child_modules", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in children.EnumerateArray())
                {
                    Scan(child, depth + 1);
                }
            }
        }

        if (module.ValueKind == JsonValueKind.Object && module.TryGetProperty("root_module", out var root))
        {
            Scan(root, 0);
        }

        return order.Count == 0 ? null : order.OrderByDescending(r => counts[r]).First();
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
