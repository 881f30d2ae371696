using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Analysis;

/// <summary>One priced line as a diff sees it: its id, the resource it prices, and its monthly cost (null when its price is missing).</summary>
public sealed record SnapshotLine(string Id, string? Resource, string Item, string Unit, decimal Quantity, ValueRange? Monthly);

/// <summary>One deployment's lines: the side of a diff, from a bill of this run or from a saved JSON estimate.</summary>
public sealed record SnapshotDeployment(string Name, ImmutableArray<SnapshotLine> Lines)
{
    public decimal Monthly => Lines.Sum(l => l.Monthly?.Expected ?? 0m);

    public static SnapshotDeployment Of(Bill bill) =>
        new(bill.Deployment.Name, [.. bill.Lines.Select(l => new SnapshotLine(l.Id, l.Resource, l.Item, l.Unit, l.Quantity.Expected, l.Monthly))]);

    /// <summary>Reads the deployments of a saved <c>stackplan estimate --format json</c> output.</summary>
    /// <exception cref="InputException">the text is not such an output.</exception>
    public static ImmutableArray<SnapshotDeployment> ReadEstimateJson(string json, string fileName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("deployments", out var deployments) || deployments.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(DiagnosticCodes.InvalidPlan, new SourceLocation(fileName, 1, 1), "this JSON is neither a Terraform plan nor a saved stackplan estimate (no 'deployments')", "save one with 'stackplan estimate SPEC --format json -o estimate.json'");
            }

            var result = ImmutableArray.CreateBuilder<SnapshotDeployment>();
            foreach (var d in deployments.EnumerateArray())
            {
                var name = $"{d.GetProperty("environment").GetString()}/{d.GetProperty("option").GetString()}";
                var lines = ImmutableArray.CreateBuilder<SnapshotLine>();
                foreach (var l in d.GetProperty("lineItems").EnumerateArray())
                {
                    ValueRange? monthly = l.TryGetProperty("monthly", out var m) && m.ValueKind == JsonValueKind.Object
                        ? new ValueRange(m.GetProperty("low").GetDecimal(), m.GetProperty("expected").GetDecimal(), m.GetProperty("high").GetDecimal())
                        : null;
                    lines.Add(new SnapshotLine(
                        l.GetProperty("id").GetString()!,
                        l.TryGetProperty("address", out var a) ? a.GetString() : null,
                        l.GetProperty("item").GetString()!,
                        l.GetProperty("unit").GetString()!,
                        l.GetProperty("quantity").GetDecimal(),
                        monthly));
                }

                result.Add(new SnapshotDeployment(name, lines.ToImmutable()));
            }

            return result.ToImmutable();
        }
        catch (JsonException e)
        {
            throw new InputException(DiagnosticCodes.InvalidPlan, new SourceLocation(fileName, JsonSyntaxError.Line(e), JsonSyntaxError.Column(e)), "not valid JSON: " + JsonSyntaxError.Describe(e));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException(DiagnosticCodes.InvalidPlan, new SourceLocation(fileName, 1, 1), "this JSON estimate lacks fields a diff needs (deployments[].lineItems[] with id, item, unit, quantity, monthly)", "save it with the same stackplan: 'stackplan estimate SPEC --format json -o estimate.json'");
        }
    }
}

public enum ChangeKind
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>A line's monthly cost before and after (expected point); null where the line is absent or its price missing.</summary>
public sealed record LineDelta(string Id, string? Resource, string Item, decimal? Before, decimal? After, ChangeKind Change, bool MissingPrice)
{
    public decimal Delta => (After ?? 0m) - (Before ?? 0m);
}

/// <summary>The lines of one resource (a Terraform address, or a component) and their summed change.</summary>
public sealed record ResourceDelta(string Resource, decimal Before, decimal After, ChangeKind Change, ImmutableArray<LineDelta> Lines)
{
    public decimal Delta => After - Before;
}

/// <summary>One deployment before and after.</summary>
public sealed record DeploymentDelta(string Deployment, decimal Before, decimal After, ImmutableArray<ResourceDelta> Resources, int MissingBefore, int MissingAfter)
{
    public decimal Delta => After - Before;

    /// <summary>The change as a percentage of the before total; null when before was zero.</summary>
    public decimal? Percent => Before == 0m ? null : Math.Round(Delta / Before * 100m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The monthly cost difference between two runs (two plans, two specs, a plan's prior state and
/// planned values, a saved estimate and a new one): per line, per resource and per deployment,
/// at the expected point. Deployments and lines are matched by name and id, in the after side's order.
/// </summary>
public sealed record CostDiff(ImmutableArray<DeploymentDelta> Deployments) : IReportDocument
{
    public decimal Before => Deployments.Sum(d => d.Before);

    public decimal After => Deployments.Sum(d => d.After);

    public decimal Delta => After - Before;

    public decimal? Percent => Before == 0m ? null : Math.Round(Delta / Before * 100m, 2, MidpointRounding.AwayFromZero);

    public static CostDiff Between(IReadOnlyList<SnapshotDeployment> before, IReadOnlyList<SnapshotDeployment> after)
    {
        var names = after.Select(d => d.Name).Concat(before.Select(d => d.Name)).Distinct(StringComparer.Ordinal);
        var deployments = ImmutableArray.CreateBuilder<DeploymentDelta>();
        foreach (var name in names)
        {
            var b = before.FirstOrDefault(d => d.Name == name);
            var a = after.FirstOrDefault(d => d.Name == name);
            deployments.Add(Compare(name, b, a));
        }

        return new CostDiff(deployments.ToImmutable());
    }

    private static DeploymentDelta Compare(string name, SnapshotDeployment? before, SnapshotDeployment? after)
    {
        var beforeLines = (before?.Lines ?? []).GroupBy(l => l.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var afterLines = (after?.Lines ?? []).GroupBy(l => l.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ids = (after?.Lines ?? []).Select(l => l.Id).Concat((before?.Lines ?? []).Select(l => l.Id)).Distinct(StringComparer.Ordinal);
        var deltas = new List<LineDelta>();
        foreach (var id in ids)
        {
            beforeLines.TryGetValue(id, out var b);
            afterLines.TryGetValue(id, out var a);
            var line = a ?? b!;
            var change = b is null ? ChangeKind.Added : a is null ? ChangeKind.Removed
                : b.Monthly?.Expected == a.Monthly?.Expected && b.Quantity == a.Quantity ? ChangeKind.Unchanged : ChangeKind.Changed;
            deltas.Add(new LineDelta(id, line.Resource, line.Item, b?.Monthly?.Expected, a?.Monthly?.Expected, change, (a is not null && a.Monthly is null) || (a is null && b!.Monthly is null)));
        }

        var resources = deltas.GroupBy(d => d.Resource ?? ComponentOf(d.Id), StringComparer.Ordinal)
            .Select(g =>
            {
                var lines = g.ToImmutableArray();
                var change = lines.All(l => l.Change == ChangeKind.Added) ? ChangeKind.Added
                    : lines.All(l => l.Change == ChangeKind.Removed) ? ChangeKind.Removed
                    : lines.All(l => l.Change == ChangeKind.Unchanged) ? ChangeKind.Unchanged : ChangeKind.Changed;
                return new ResourceDelta(g.Key, lines.Sum(l => l.Before ?? 0m), lines.Sum(l => l.After ?? 0m), change, lines);
            })
            .ToImmutableArray();
        return new DeploymentDelta(name, before?.Monthly ?? 0m, after?.Monthly ?? 0m, resources,
            before?.Lines.Count(l => l.Monthly is null) ?? 0, after?.Lines.Count(l => l.Monthly is null) ?? 0);
    }

    private static string ComponentOf(string id) => id.LastIndexOf('/') is var slash and > 0 ? id[..slash] : id;

    /// <summary>
    /// Whether the increase passes a CI threshold: an amount in USD per month ("100"), or a percentage
    /// of the before total ("10%"). A decrease never fails.
    /// </summary>
    /// <exception cref="FormatException">the threshold is neither form.</exception>
    /// <summary>Whether the monthly cost rose by more than <paramref name="limit"/> (USD a month, or percent of the before side when <paramref name="percent"/>).</summary>
    public bool Exceeds(decimal limit, bool percent) =>
        !percent ? Delta > limit
        : Before == 0m ? Delta > 0m
        : Delta / Before * 100m > limit;
}
