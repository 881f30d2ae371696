using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Reports;

/// <summary>
/// The documented, stable JSON shape (docs/json-output.md). Written field by field rather than
/// serialised from the model, so refactoring a record can never change the output silently.
/// </summary>
public sealed partial class JsonRenderer : Renderer
{
    public const int SchemaVersion = 1;

    public JsonRenderer()
        : base(new("json", [".json"], "application/json", "the documented JSON shape (docs/json-output.md)"))
    {
        Add<EstimateReport>((report, _, output) => WriteEstimate(report, output));
        Add<Compliance.CheckReport>((check, _, output) => WriteCheck(check, output));
        Add<AnalysisDocument>((analysis, _, output) => WriteAnalysis(analysis, output));
        Add<RecordTable>((records, _, output) => WriteRecords(records, output));
        Add<Analysis.CostDiff>((diff, _, output) => DiffRenderer.WriteJson(diff, output));
        Add<Analysis.SizingProposals>((sizing, _, output) => WriteSizing(sizing, output));
    }

    /// <summary>A writer that has opened the document's object and written its schema version.</summary>
    private static Utf8JsonWriter Open(Stream output)
    {
        var json = JsonWriting.CreateWriter(output);
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        return json;
    }

    private static void WriteEstimate(EstimateReport report, Stream output)
    {
        using var json = Open(output);
        json.WriteStartObject("spec");
        json.WriteString("name", report.Spec.Name);
        json.WriteString("provider", report.Spec.Provider);
        json.WriteString("region", report.Spec.Region);
        json.WriteString("currency", report.Spec.Currency);
        json.WriteBoolean("freeTiersApplied", report.Spec.ApplyFreeTiers);
        json.WriteEndObject();
        json.WriteStartObject("priceBook");
        json.WriteString("name", report.Prices.Name);
        json.WriteString("asOf", report.Prices.AsOf);
        json.WriteEndObject();
        json.WriteStartArray("deployments");
        foreach (var bill in report.Bills)
        {
            WriteBill(json, bill, report.CoverageOf(bill));
        }

        json.WriteEndArray();
        if (report.Matrix is { } matrix)
        {
            WriteMatrix(json, matrix);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// The decision matrix, only when the comparison has one (--matrix, or a spec that sets
    /// analysis.weights): each factor's raw values in the deployments' order, its winners, and the
    /// weighted scores (0 to 1 per factor, weighed).
    /// </summary>
    private static void WriteMatrix(Utf8JsonWriter json, Analysis.DecisionMatrixResult matrix)
    {
        json.WriteStartObject("decisionMatrix");
        json.WriteStrings("deployments", matrix.Deployments);
        json.WriteStartArray("factors");
        foreach (var f in matrix.Factors)
        {
            json.WriteStartObject();
            json.WriteString("factor", f.Factor);
            json.WriteString("computedAs", f.Description);
            json.WriteBoolean("higherIsBetter", f.HigherIsBetter);
            json.WriteNumber("weight", f.Weight);
            json.WriteStartArray("values");
            foreach (var v in f.Values)
            {
                json.WriteNumberValue(v);
            }

            json.WriteEndArray();
            json.WriteStrings("shown", f.Shown);
            json.WriteStrings("winners", f.Winners.Select(i => matrix.Deployments[i]));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("weightedScores");
        for (var i = 0; i < matrix.Deployments.Length; i++)
        {
            json.WriteNumberValue(Math.Round(matrix.WeightedScore(i), 4));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter json, string name, ValueRange range)
    {
        json.WriteStartObject(name);
        json.WriteNumber("low", range.Low);
        json.WriteNumber("expected", range.Expected);
        json.WriteNumber("high", range.High);
        json.WriteEndObject();
    }

    private static void WriteBill(Utf8JsonWriter json, Bill bill, Compliance.Coverage? coverage)
    {
        var d = bill.Deployment;
        json.WriteStartObject();
        json.WriteString("environment", d.Environment.Name);
        json.WriteString("option", d.Option.Name);
        json.WriteString("tier", d.Environment.Tier);
        json.WriteString("provider", d.Provider.Id);
        json.WriteString("region", d.Region);
        WriteRange(json, "monthly", bill.Monthly);
        json.WriteBoolean("complete", bill.IsComplete);
        json.WriteNumber("pods", bill.Plan.Pods);
        json.WriteStartObject("nodes");
        json.WriteString("type", string.Join(",", bill.Plan.Groups.Select(g => g.Type.Name).Distinct()));
        json.WriteNumber("declared", bill.Plan.Groups.Sum(g => g.Declared));
        json.WriteNumber("required", bill.Plan.Groups.Sum(g => g.Required));
        json.WriteStartArray("groups");
        foreach (var g in bill.Plan.Groups)
        {
            json.WriteStartObject();
            json.WriteString("name", g.Group.Name);
            json.WriteString("type", g.Type.Name);
            json.WriteString("capacity", g.Group.Capacity == CapacityType.Spot ? "spot" : "on-demand");
            json.WriteNumber("declared", g.Declared);
            json.WriteNumber("required", g.Required);
            WriteRange(json, "priced", g.PricedNodes);
            json.WriteNumber("pods", g.Pods);
            json.WriteNumber("cpuUtilisation", g.CpuUtilisation);
            json.WriteNumber("memoryUtilisation", g.MemoryUtilisation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNumber("operationsHoursPerMonth", bill.OpsHoursPerMonth);
        json.WriteStartArray("components");
        foreach (var c in d.Components.Where(c => !c.Component.Implicit))
        {
            json.WriteStartObject();
            json.WriteString("capability", c.Component.Capability);
            json.WriteString("component", c.Id);
            json.WriteString("mode", c.Mode.Name);
            json.WriteString("kind", c.Component.Kind == ComponentKind.Managed ? "managed" : "self-managed");
            json.WriteNumber("pods", bill.Plan.PodsOf(c.Id));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("categories");
        foreach (var category in bill.Lines.Select(l => l.Category).Distinct().Order())
        {
            WriteRange(json, Formats.Kebab(category), bill.CategoryTotal(category));
        }

        json.WriteEndObject();
        json.WriteStartArray("lineItems");
        foreach (var line in bill.Lines)
        {
            WriteLine(json, line);
        }

        json.WriteEndArray();
        json.WriteDiagnostics("warnings", bill.Warnings);
        if (coverage is not null)
        {
            WriteCoverage(json, coverage, withEvidence: false);
        }

        json.WriteEndObject();
    }

    private static void WriteLine(Utf8JsonWriter json, LineItem line)
    {
        json.WriteStartObject();
        json.WriteString("id", line.Id);
        json.WriteString("category", Formats.Kebab(line.Category));
        json.WriteString("component", line.Component);
        if (line.Resource is not null)
        {
            json.WriteString("address", line.Resource);
        }

        json.WriteString("item", line.Item);
        json.WriteNumber("quantity", line.Quantity.Expected);
        WriteRange(json, "quantityRange", line.Quantity);
        json.WriteString("unit", line.Unit);
        json.WriteString("quantityFormula", line.QuantityFormula);
        json.WriteString("priceKey", line.PriceKey);
        if (line.Price is { } price)
        {
            json.WriteNumber("unitPrice", line.UnitPrice!.Value);
            json.WriteBoolean("tiered", price.IsTiered);
            WriteRange(json, "monthly", line.Monthly!.Value);
            json.WriteStartObject("priceSource");
            json.WriteString("book", price.Book);
            json.WriteString("source", price.Source);
            json.WriteString("asOf", price.AsOf);
            json.WriteEndObject();
            if (line.PriceMultiplier != 1m)
            {
                json.WriteNumber("priceMultiplier", line.PriceMultiplier);
                json.WriteString("priceMultiplierNote", line.PriceMultiplierNote);
            }
        }
        else
        {
            json.WriteBoolean("missingPrice", true);
            json.WriteNull("unitPrice");
            json.WriteNull("monthly");
        }

        if (line.Note is not null)
        {
            json.WriteString("note", line.Note);
        }

        json.WriteEndObject();
    }
}
