using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Resolve;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Pricing;

/// <summary>
/// The pipeline in one place: resolve (environment x option), size, compile, price.
/// Holds the catalog, the price books and the instance types; specs come per call.
/// </summary>
public sealed class Estimator(ComponentCatalog catalog, IPriceBook prices, InstanceTypeTable instanceTypes)
{
    public ComponentCatalog Catalog { get; } = catalog;

    public IPriceBook Prices { get; } = prices;

    public InstanceTypeTable InstanceTypes { get; } = instanceTypes;

    /// <summary>Compiles one deployment; evaluate it with <see cref="DeploymentModel.ToBill"/> or, many times, <see cref="DeploymentModel.MonthlyTotal"/>.</summary>
    public DeploymentModel Compile(PlatformSpec spec, DeploymentRef target, IReadOnlyDictionary<string, ValueRange>? usageOverrides = null)
    {
        var deployment = Resolver.Resolve(spec, Catalog, target, usageOverrides);
        return ModelBuilder.Build(deployment, InstanceTypes, PricesFor(spec));
    }

    public Bill Estimate(PlatformSpec spec, DeploymentRef target, IReadOnlyDictionary<string, ValueRange>? usageOverrides = null) =>
        Compile(spec, target, usageOverrides).ToBill();

    /// <summary>Bills for the given deployments, or for those the spec lists under <c>compare</c>.</summary>
    public ImmutableArray<Bill> EstimateAll(PlatformSpec spec, IEnumerable<DeploymentRef>? targets = null, IReadOnlyDictionary<string, ValueRange>? usageOverrides = null) =>
        [.. (targets ?? spec.DeploymentsToCompare()).Select(t => Estimate(spec, t, usageOverrides))];

    /// <summary>
    /// The books an estimate of <paramref name="spec"/> prices with: the spec's own prices on top
    /// of the books, since a negotiated rate beats the list price. Whatever ranks or lists prices
    /// for a spec (stackplan size) reads these, so it agrees with the estimate.
    /// </summary>
    public IPriceBook PricesFor(PlatformSpec spec)
    {
        if (spec.Prices.IsEmpty)
        {
            return Prices;
        }

        var own = new PriceBook("spec", "", spec.Prices.Select(p =>
            PriceEntry.Flat(p.Key, "any", p.Unit, p.Amount, p.Key, $"{p.Source} (spec at {p.Location})", p.AsOf ?? "as stated", "spec")), IPriceBook.AnyProvider);
        return new LayeredPriceBook([own, Prices]);
    }
}
