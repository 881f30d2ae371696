using System.Text.Json.Nodes;
using Stackplan.Core.Inputs.Terraform;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests.Inputs;

/// <summary>
/// Writes small plans in the shape <c>terraform show -json</c> gives (planned_values, configuration
/// with references, provider region) so each test states only the resources it is about.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly JsonArray _resources = [];
    private readonly JsonArray _configResources = [];
    private readonly string _region;
    private readonly string? _timestamp;

    public PlanBuilder(string region = "us-east-1", string? timestamp = "2026-11-01T00:00:00Z")
    {
        _region = region;
        _timestamp = timestamp;
    }

    /// <summary>A managed resource; <paramref name="values"/> is the JSON of its planned values.</summary>
    public PlanBuilder Resource(string address, string values, params (string Argument, string Target)[] references)
    {
        var local = TerraformAddress.WithoutIndexes(address);
        var dot = local.IndexOf('.', StringComparison.Ordinal);
        var type = local[..dot];
        _resources.Add(new JsonObject
        {
            ["address"] = address,
            ["mode"] = "managed",
            ["type"] = type,
            ["name"] = local[(dot + 1)..],
            ["provider_name"] = "registry.terraform.io/hashicorp/aws",
            ["values"] = JsonNode.Parse(values),
        });
        if (references.Length > 0)
        {
            var expressions = new JsonObject();
            foreach (var (argument, target) in references)
            {
                var parts = argument.Split('.');
                JsonObject node = expressions;
                for (var i = 0; i < parts.Length - 1; i += 2)
                {
                    // launch_template.0.id: a block is a list of one object.
                    if (node[parts[i]] is not JsonArray list)
                    {
                        node[parts[i]] = list = [new JsonObject()];
                    }

                    node = (JsonObject)list[0]!;
                }

                node[parts[^1]] = new JsonObject { ["references"] = new JsonArray(target + ".id", target) };
            }

            _configResources.Add(new JsonObject { ["address"] = local, ["mode"] = "managed", ["type"] = type, ["name"] = local[(dot + 1)..], ["provider_config_key"] = "aws", ["expressions"] = expressions });
        }

        return this;
    }

    public string Json()
    {
        var plan = new JsonObject
        {
            ["format_version"] = "1.2",
            ["terraform_version"] = "1.9.5",
            ["planned_values"] = new JsonObject { ["root_module"] = new JsonObject { ["resources"] = _resources.DeepClone() } },
            ["configuration"] = new JsonObject
            {
                ["provider_config"] = new JsonObject { ["aws"] = new JsonObject { ["name"] = "aws", ["expressions"] = new JsonObject { ["region"] = new JsonObject { ["constant_value"] = _region } } } },
                ["root_module"] = new JsonObject { ["resources"] = _configResources.DeepClone() },
            },
        };
        if (_timestamp is not null)
        {
            plan["timestamp"] = _timestamp;
        }

        return plan.ToJsonString();
    }

    /// <summary>The bill of the plan, priced by the embedded price books.</summary>
    public Bill Bill(string? usageYaml = null)
    {
        var plan = TerraformPlanReader.Read(Json(), "plan.json");
        var usage = usageYaml is null ? null : UsageFile.Read(usageYaml, "usage.yml");
        var import = TerraformImporter.Import(plan, usage);
        return Estimator.Value.Estimate(import.Spec, import.Spec.DeploymentsToCompare()[0]);
    }

    /// <summary>Monthly cost (expected) of one resource: the sum of its priced lines; fails if any of its lines lacks a price.</summary>
    public static decimal MonthlyOf(Bill bill, string address)
    {
        var lines = bill.Lines.Where(l => l.Resource == address).ToList();
        lines.ShouldNotBeEmpty($"no line prices {address}");
        lines.Where(l => l.MissingPrice).Select(l => l.PriceKey).ShouldBeEmpty($"{address} has lines without a price");
        return lines.Sum(l => l.Monthly!.Value.Expected);
    }

    public static readonly Lazy<Estimator> Estimator = new(() => EmbeddedData.Estimator());
}
