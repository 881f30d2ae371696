using System.Text.Json;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Reports;

public sealed partial class JsonRenderer
{
    /// <summary>stackplan size: per node group, declared and proposed shapes and monthly totals (USD, expected usage); per deployment, all proposals applied.</summary>
    private static void WriteSizing(SizingProposals sizing, Stream output)
    {
        using var json = Open(output);
        json.WriteStartArray("groups");
        foreach (var p in sizing.Groups)
        {
            json.WriteStartObject();
            json.WriteString("deployment", p.Deployment);
            json.WriteString("group", p.Group);
            json.WriteString("location", p.Location.ToString());
            json.WriteString("capacity", p.Capacity);
            json.WriteNumber("pods", p.Pods);
            WriteShape(json, "declared", p.Declared);
            WriteShape(json, "proposed", p.Proposed);
            json.WriteBoolean("changes", p.Changes);
            json.WriteNumber("declaredMonthly", p.DeclaredMonthly);
            json.WriteNumber("proposedMonthly", p.ProposedMonthly);
            json.WriteNumber("monthlySaving", p.Saving);
            json.WriteNumber("candidatesPriced", p.Candidates);
            json.WriteNumber("candidatesWithoutPrice", p.Unpriced);
            if (p.Note is { } note)
            {
                json.WriteString("note", note);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("deployments");
        foreach (var t in sizing.Totals)
        {
            json.WriteStartObject();
            json.WriteString("deployment", t.Deployment);
            json.WriteNumber("declaredMonthly", t.Declared);
            json.WriteNumber("proposedMonthly", t.Proposed);
            json.WriteNumber("monthlySaving", t.Saving);
            json.WriteNumber("linesWithoutPrice", t.Unpriced);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteShape(Utf8JsonWriter json, string name, GroupShape shape)
    {
        json.WriteStartObject(name);
        json.WriteString("instanceType", shape.InstanceType);
        foreach (var (key, value) in new[] { ("count", shape.Count), ("min", shape.Min), ("max", shape.Max) })
        {
            if (value is { } n)
            {
                json.WriteNumber(key, n);
            }
        }

        json.WriteEndObject();
    }
}
