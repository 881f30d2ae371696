using Stackplan.Core.Analysis;
using Stackplan.Core.Reports;

namespace Stackplan.Cli.Commands;

/// <summary>The decision matrix under a comparison: asked for with --matrix, or by a spec that sets analysis.weights.</summary>
public static class DecisionMatrixOutput
{
    public static readonly OptionSpec Matrix = new("matrix", null, "add the decision matrix (factors, winners, weighted score); on by default when the spec sets analysis.weights");

    /// <summary>Renders the comparison with its matrix and returns true, or returns false when no matrix is wanted.</summary>
    public static bool Render(EstimateReport report, string format, Arguments args, CliConsole console)
    {
        var wanted = args.Has(Matrix.Name) || !report.Spec.Analysis.Weights.IsEmpty;
        if (!wanted || format is not ("table" or "markdown") || report.Bills.Length < 2)
        {
            return false;
        }

        var matrix = DecisionMatrixDocument.Build(DecisionMatrix.Build(report.Bills, report.Spec.Analysis, report.Spec.Labour));
        var output = args.Get(EstimatingOptions.Output.Name);
        OutputTarget.WriteText(console, output, w =>
        {
            if (format == "markdown")
            {
                MarkdownRenderer.Write(report, w, withLineItems: true);
                AnalysisRenderer.WriteMarkdown(matrix, w, level: 2);
            }
            else
            {
                TableRenderer.Write(report, w, lineItems: false, console.Color && output is null);
                w.Write('\n');
                AnalysisRenderer.WriteText(matrix, w);
            }
        });
        EstimatingOptions.WarnAboutMissingPrices(report, console);
        return true;
    }
}
