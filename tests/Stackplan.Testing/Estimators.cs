using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Sizing;

namespace Stackplan.Testing;

/// <summary>An estimator over a test's own catalog and prices, with no shipped instance types (declare them in the spec).</summary>
public static class Estimators
{
    public static Estimator For(ComponentCatalog catalog, IPriceBook prices) => new(catalog, prices, new InstanceTypeTable([]));

    public static Estimator For(CatalogBuilder catalog, PriceBookBuilder prices) => For(catalog.Build(), prices.Build());

    /// <summary>The bill of one environment under the spec's implicit "default" option.</summary>
    public static Bill Bill(this Estimator estimator, PlatformSpec spec, string environment, string option = "default") =>
        estimator.Estimate(spec, new DeploymentRef(environment, option, spec.Location));
}
