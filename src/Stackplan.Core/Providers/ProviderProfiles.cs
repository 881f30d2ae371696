using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Providers.Aws;
using Stackplan.Core.Providers.Azure;
using Stackplan.Core.Providers.Gcp;

namespace Stackplan.Core.Providers;

/// <summary>
/// The registered provider profiles: what <c>provider:</c> may say. Adding a cloud is one
/// profile class and one line here.
/// </summary>
public static class ProviderProfiles
{
    public static ImmutableArray<IProviderProfile> All { get; } = [AwsProfile.Instance, AzureProfile.Instance, GcpProfile.Instance];

    /// <summary>The ids a spec may name, in registration order, for messages.</summary>
    public static IEnumerable<string> Ids => All.Select(p => p.Id);

    /// <summary>The profile for <paramref name="id"/> (case-sensitive, as the spec spells ids in lower case), or null.</summary>
    public static IProviderProfile? Find(string id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>The profile for <paramref name="id"/>; the caller has validated it while reading the spec.</summary>
    public static IProviderProfile Get(string id) =>
        Find(id) ?? throw new InvalidOperationException($"provider '{id}' is not registered; the spec reader should have refused it");

    /// <summary>Cluster kinds every provider accepts, by their neutral names.</summary>
    public static ImmutableDictionary<string, ClusterKind> NeutralClusterKindNames { get; } = new Dictionary<string, ClusterKind>(StringComparer.Ordinal)
    {
        ["managed-kubernetes"] = ClusterKind.ManagedKubernetes,
        ["serverless-containers"] = ClusterKind.ServerlessContainers,
        ["kubernetes-onprem"] = ClusterKind.KubernetesOnprem,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Every word <c>cluster.kind</c> may take: the neutral names, then each provider's own, sorted.</summary>
    public static IEnumerable<string> ClusterKindWords =>
        NeutralClusterKindNames.Keys.Order(StringComparer.Ordinal)
            .Concat(All.SelectMany(p => p.ClusterKindNames.Keys).Order(StringComparer.Ordinal));

    /// <summary>Neutral words for <c>encryption.kms</c>; each provider adds its own word for provider-managed keys.</summary>
    public static ImmutableDictionary<string, KeyManagement> NeutralKeyManagementNames { get; } = new Dictionary<string, KeyManagement>(StringComparer.Ordinal)
    {
        ["none"] = KeyManagement.None,
        ["provider-managed"] = KeyManagement.ProviderManaged,
        ["customer-managed"] = KeyManagement.CustomerManaged,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Every word <c>encryption.kms</c> may take.</summary>
    public static IEnumerable<string> KeyManagementWords =>
        NeutralKeyManagementNames.Keys.Order(StringComparer.Ordinal).Concat(All.Select(p => p.ProviderManagedKeysName).Order(StringComparer.Ordinal));

    /// <summary>Which provider owns a provider-specific spec word (such as "eks"), or null for a neutral word.</summary>
    public static IProviderProfile? OwnerOfClusterKind(string word) => All.FirstOrDefault(p => p.ClusterKindNames.ContainsKey(word));

    /// <summary>Which provider owns a provider-specific <c>encryption.kms</c> word (such as "aws-managed"), or null.</summary>
    public static IProviderProfile? OwnerOfKeyManagement(string word) => All.FirstOrDefault(p => p.ProviderManagedKeysName == word);
}
