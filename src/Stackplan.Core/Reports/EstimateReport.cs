using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;
using Stackplan.Core.Compliance;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Reports;

/// <summary>
/// What estimate and compare render: the spec, the books that priced it and one bill per deployment;
/// compare adds each deployment's NIST coverage (<see cref="Compliance"/>, default when absent) and,
/// when asked (--matrix or analysis.weights), the decision matrix (<see cref="Matrix"/>).
/// </summary>
public sealed record EstimateReport(PlatformSpec Spec, IPriceBook Prices, ImmutableArray<Bill> Bills, ImmutableArray<Coverage> Compliance = default, DecisionMatrixResult? Matrix = null) : IReportDocument
{
    public Coverage? CoverageOf(Bill bill) => Compliance.IsDefault ? null : Compliance.FirstOrDefault(c => c.Deployment == bill.Deployment.Ref);

    /// <summary>The categories any bill uses, in the enum's order, so columns line up across deployments.</summary>
    public ImmutableArray<Category> Categories =>
        [.. Enum.GetValues<Category>().Where(c => Bills.Any(b => b.Lines.Any(l => l.Category == c)))];

    /// <summary>Whether some deployment is priced on another provider or region than the spec's: then the views show each one's.</summary>
    public bool SpansPlacements => Bills.Any(b => b.Deployment.Provider.Id != Spec.Provider || b.Deployment.Region != Spec.Region);

    /// <summary>A deployment's provider and region as the views show them, e.g. "azure eastus".</summary>
    public static string Placement(Bill bill) => $"{bill.Deployment.Provider.Id} {bill.Deployment.Region}";
}
