namespace Stackplan.Core.Model;

/// <summary>
/// A document a command produces and a renderer (Reports/) writes: a comparison
/// (EstimateReport), a check (CheckReport), an analysis
/// (AnalysisDocument), a list of records (RecordTable), an explanation
/// (Explanation) or a decision document (DecisionDocument).
/// </summary>
public interface IReportDocument;
