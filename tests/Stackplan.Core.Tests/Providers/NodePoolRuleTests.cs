using Stackplan.Core.Providers;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Tests.Providers;

/// <summary>
/// The node pool rules each provider documents, which `stackplan size` holds its candidates to:
/// AKS system pools need 2 vCPUs and 4 GB and no B-series; GKE takes no f1-micro in any pool;
/// EKS documents no such minimum (its max pods per type are applied by the sizing itself).
/// </summary>
public sealed class NodePoolRuleTests
{
    private static InstanceType Type(string name, decimal vcpu, decimal memoryGiB) => new(name, vcpu, memoryGiB, 110, "test");

    [Theory]
    [InlineData("Standard_B1ls", 1, 0.5, true, "B-series")]
    [InlineData("Standard_B4ms", 4, 16, true, "B-series")]
    [InlineData("Standard_A1_v2", 1, 2, true, "at least 2 vCPUs and 4 GB")]
    [InlineData("Standard_D2s_v3", 2, 8, true, null)]
    [InlineData("Standard_B1ls", 1, 0.5, false, null)]
    public void Aks_holds_only_its_system_pool_to_its_minimums(string name, double vcpu, double memory, bool system, string? refusal)
    {
        var why = ProviderProfiles.Get("azure").NodePoolRefusal(Type(name, (decimal)vcpu, (decimal)memory), system);
        if (refusal is null)
        {
            why.ShouldBeNull();
        }
        else
        {
            why.ShouldNotBeNull().ShouldContain(refusal);
        }
    }

    [Theory]
    [InlineData("f1-micro", true)]
    [InlineData("e2-micro", false)]
    [InlineData("e2-standard-2", false)]
    public void Gke_refuses_f1_micro_in_every_pool(string name, bool refused)
    {
        foreach (var system in new[] { true, false })
        {
            (ProviderProfiles.Get("gcp").NodePoolRefusal(Type(name, 1, 0.6m), system) is not null).ShouldBe(refused);
        }
    }

    [Fact]
    public void Eks_documents_no_node_size_minimum() =>
        ProviderProfiles.Get("aws").NodePoolRefusal(Type("t3a.nano", 2, 0.5m), systemPool: true).ShouldBeNull();
}
