using Stackplan.Core.Analysis;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

/// <summary>The decision matrix under a comparison: asked for with --matrix, or by a spec that sets analysis.weights.</summary>
public static class DecisionMatrixOutput
{
    public static readonly OptionSpec Matrix = new("matrix", null, "add the decision matrix (factors, winners, weighted score); on by default when the spec sets analysis.weights");

    /// <summary>The report with its matrix when one is wanted and there are two deployments or more to weigh.</summary>
    public static EstimateReport Add(EstimateReport report, Arguments args)
    {
        var wanted = args.Has(Matrix.Name) || !report.Spec.Analysis.Weights.IsEmpty;
        return wanted && report.Bills.Length >= 2
            ? report with { Matrix = DecisionMatrix.Build(report.Bills, report.Spec.Analysis, report.Spec.Labour) }
            : report;
    }
}
