using BenchmarkDotNet.Attributes;
using Stackplan.Core.Inputs.Terraform;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;

namespace Stackplan.Benchmarks;

/// <summary>A generated plan of 10,000 resources read, mapped, priced and written as JSON, in process.</summary>
[MemoryDiagnoser]
public class TerraformBenchmarks
{
    private string _plan = "";
    private Estimator _estimator = null!;

    [Params(1_000, 10_000)]
    public int Resources { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plan = PlanGenerator.Generate(Resources);
        _estimator = EmbeddedData.Estimator();
    }

    [Benchmark(Description = "estimate a generated plan (JSON to JSON)")]
    public long Estimate()
    {
        var import = TerraformImporter.Import(TerraformPlanReader.Read(_plan, "plan.json"));
        var bills = _estimator.EstimateAll(import.Spec);
        using var output = new MemoryStream();
        new JsonRenderer().Write(new EstimateReport(import.Spec, _estimator.Prices, bills), new RenderSettings(), output);
        return output.Length;
    }
}
