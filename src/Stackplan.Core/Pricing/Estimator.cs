using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
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

    /// <summary>Bills for the given deployments, or for those the spec lists under <c>compare</c>, in that order.</summary>
    /// <exception cref="InputException">The first deployment, in that order, that cannot be priced.</exception>
    public ImmutableArray<Bill> EstimateAll(PlatformSpec spec, IEnumerable<DeploymentRef>? targets = null, IReadOnlyDictionary<string, ValueRange>? usageOverrides = null) =>
        InOrder(targets ?? spec.DeploymentsToCompare(), t => Estimate(spec, t, usageOverrides));

    /// <summary>Compiles the given deployments, in that order (see <see cref="Compile"/>).</summary>
    /// <exception cref="InputException">The first deployment, in that order, that cannot be compiled.</exception>
    public ImmutableArray<DeploymentModel> CompileAll(PlatformSpec spec, IEnumerable<DeploymentRef> targets, IReadOnlyDictionary<string, ValueRange>? usageOverrides = null) =>
        InOrder(targets, t => Compile(spec, t, usageOverrides));

    /// <summary>
    /// One result per deployment, in order, worked out on as many cores as the machine has: the
    /// deployments of a spec share only what is read-only or locked (catalog, books, instance
    /// types), and a compare of three of them is most of a run. The failure reported is the one a
    /// run in order would have stopped at, whichever thread met it first.
    /// </summary>
    private static ImmutableArray<T> InOrder<T>(IEnumerable<DeploymentRef> targets, Func<DeploymentRef, T> work)
    {
        var list = targets.ToList();
        var results = new T[list.Count];
        var failures = new ExceptionDispatchInfo?[list.Count];
        Parallel.For(0, list.Count, i =>
        {
            try
            {
                results[i] = work(list[i]);
            }
            catch (Exception e)
            {
                failures[i] = ExceptionDispatchInfo.Capture(e);
            }
        });

        Array.Find(failures, f => f is not null)?.Throw();
        return [.. results];
    }

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
