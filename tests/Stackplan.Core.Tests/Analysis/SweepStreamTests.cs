using System.Text;
using System.Text.Json;
using Stackplan.Core.Analysis;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;

namespace Stackplan.Core.Tests.Analysis;

/// <summary>A streamed grid says what the held document says, and its points are computed only as they are read.</summary>
public sealed class SweepStreamTests
{
    private const string Yaml = """
        stackplan: 1
        name: grid
        region: us-east-1
        usage:
          logs_gb_per_day: {low: 2, expected: 5, high: 15}
          nat_data_gb_per_month: {low: 10, expected: 100, high: 1000}
        capabilities:
          logs: cloudwatch-logs
        environments:
          prod:
            zones: 1
            natGateways: single
            cluster: {kind: ecs-fargate}
        """;

    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    private static readonly PlatformSpec Spec = SpecReader.Read(Yaml, "grid.yaml");

    private static List<DeploymentModel> Models() => [.. Spec.DeploymentsToCompare().Select(t => Estimator.Compile(Spec, t))];

    private static readonly SweepAxis[] Axes = [new("logs_gb_per_day", 0m, 30m, 3), new("nat_data_gb_per_month", 0m, 1000m, 2)];

    [Fact]
    public void Streamed_csv_is_byte_for_byte_the_csv_of_the_held_document()
    {
        var models = Models();
        var held = new MemoryStream();
        new CsvRenderer().Write(SweepDocument.Grid(Sweep.Grid(models, Axes)), new RenderSettings(), held);
        var streamed = new StringWriter();

        var rows = SweepStream.WriteCsv(Sweep.Points(models, Axes), SweepStream.Columns(Axes, [.. models.Select(m => m.Deployment.Name)]), streamed);

        rows.ShouldBe(12);
        streamed.ToString().ShouldBe(Encoding.UTF8.GetString(held.ToArray()));
    }

    [Fact]
    public void Json_lines_carry_each_point_and_total_as_numbers()
    {
        var models = Models();
        var output = new StringWriter();
        SweepStream.WriteJsonLines(Sweep.Points(models, Axes), SweepStream.Columns(Axes, [.. models.Select(m => m.Deployment.Name)]), output);

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(12);
        var grid = Sweep.Grid(models, Axes).Points;
        for (var i = 0; i < lines.Length; i++)
        {
            var row = JsonDocument.Parse(lines[i]).RootElement;
            row.GetProperty("logs_gb_per_day").GetDecimal().ShouldBe(grid[i].Values[0]);
            row.GetProperty("nat_data_gb_per_month").GetDecimal().ShouldBe(grid[i].Values[1]);
            row.GetProperty("prod_default").GetDecimal().ShouldBe(grid[i].Totals[0]);
        }
    }

    [Fact]
    public void The_grid_at_the_documented_maximum_is_enumerated_lazily_first_axis_slowest()
    {
        SweepAxis[] largest = [new("logs_gb_per_day", 0m, 10m, SweepAxis.MaxSteps), new("nat_data_gb_per_month", 0m, 10m, SweepAxis.MaxSteps)];

        // 100,020,001 points: taking three computes three.
        var first = Sweep.Points(Models(), largest).Take(3).ToList();

        Sweep.PointCount(largest).ShouldBe(100_020_001L);
        first.Select(p => (p.Values[0], p.Values[1])).ShouldBe([(0m, 0m), (0m, 0.001m), (0m, 0.002m)]);
        first[1].Totals[0].ShouldBe(Estimator.Estimate(Spec, Spec.DeploymentsToCompare()[0], new Dictionary<string, ValueRange>
        {
            ["logs_gb_per_day"] = ValueRange.Exactly(0m),
            ["nat_data_gb_per_month"] = ValueRange.Exactly(0.001m),
        }).Monthly.Expected);
    }
}
