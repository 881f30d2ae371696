using System.Text.RegularExpressions;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Providers;

namespace Stackplan.Core.Tests.Providers;

/// <summary>A self-managed component's line names the provider's own service for where its data goes (Loki chunks in S3, Blob Storage or Cloud Storage).</summary>
public sealed partial class ProviderNamesTests
{
    private static readonly Estimator Embedded = EmbeddedData.Estimator();

    private const string Spec = """
        stackplan: 1
        name: loki-everywhere
        region: us-east-1
        usage:
          logs_gb_per_day: 2
        capabilities:
          logs: loki
        environments:
          prod:
            zones: 1
            natGateways: none
            cluster: {kind: eks}
            nodeGroups:
              - {name: system, instanceType: m5.xlarge, count: 3}
          prod-azure:
            extends: prod
            provider: azure
            region: eastus
            cluster: {kind: aks}
            nodeGroups:
              - {name: system, instanceType: Standard_D4s_v3, count: 3, disk: {sizeGb: 128}}
          prod-gcp:
            extends: prod
            provider: gcp
            region: us-east4
            cluster: {kind: gke}
            nodeGroups:
              - {name: system, instanceType: e2-standard-4, count: 3, disk: {sizeGb: 100}}
        """;

    [Theory]
    [InlineData("prod", "log chunks in S3", "s3/standard-storage")]
    [InlineData("prod-azure", "log chunks in Blob Storage", "azure/blob/hot-lrs")]
    [InlineData("prod-gcp", "log chunks in Cloud Storage", "gcs/standard-storage")]
    public void Loki_chunks_are_named_after_the_providers_object_storage(string environment, string item, string key)
    {
        var spec = SpecReader.Read(Spec, "loki.yaml");
        var bill = Embedded.Estimate(spec, new DeploymentRef(environment, "default", spec.Location));
        var line = bill.Lines.Single(l => l.Component == "loki" && l.PriceKey == key);
        line.Item.ShouldBe(item);
    }

    [Fact]
    public void Every_provider_name_a_catalog_line_uses_is_defined_by_every_provider()
    {
        var used = EmbeddedData.Catalog().Components
            .SelectMany(c => c.Costs.Concat(c.Modes.SelectMany(m => m.Costs)))
            .SelectMany(r => ProviderName().Matches(r.Item).Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        used.ShouldNotBeEmpty();
        foreach (var profile in ProviderProfiles.All)
        {
            used.Where(n => !profile.StorageNames.ContainsKey(n)).ShouldBeEmpty($"{profile.Id} does not name them");
        }
    }

    [GeneratedRegex(@"\{provider\.([a-z-]+)\}")]
    private static partial Regex ProviderName();
}
