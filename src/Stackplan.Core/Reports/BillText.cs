using Stackplan.Core.Pricing;

namespace Stackplan.Core.Reports;

/// <summary>Words about a bill that more than one renderer prints, so the formats say the same thing.</summary>
public static class BillText
{
    /// <summary>"3 / 2 t3a.xlarge" per node group (declared / required), the serverless service's name, or "none".</summary>
    public static string Nodes(Bill b) =>
        b.Plan.Groups.IsEmpty ? (b.Plan.ContainerTasks.IsEmpty ? "none" : $"{b.Deployment.Provider.Serverless?.Name ?? "serverless containers"} ({b.Plan.ContainerTasks.Length} task(s))") : string.Join(", ", b.Plan.Groups.Select(g => $"{g.Declared} / {g.Required} {g.Type.Name}"));
}
