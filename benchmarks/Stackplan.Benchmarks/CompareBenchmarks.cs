using BenchmarkDotNet.Attributes;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;

namespace Stackplan.Benchmarks;

/// <summary>
/// One `compare` of examples/nist-observability in process: read the spec, resolve, size and
/// price its three deployments, write the JSON. The catalog and price book are loaded once, as
/// a long-lived process would; <see cref="LoadEmbeddedData"/> measures that load on its own.
/// </summary>
[MemoryDiagnoser]
public class CompareBenchmarks
{
    private string _yaml = "";
    private Estimator _estimator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _yaml = File.ReadAllText(RepositoryPaths.Example("nist-observability"));
        _estimator = EmbeddedData.Estimator();
    }

    [Benchmark(Description = "compare nist-observability (spec to JSON)")]
    public long Compare()
    {
        var spec = SpecReader.Read(_yaml, "platform.yaml");
        var bills = _estimator.EstimateAll(spec);
        using var output = new MemoryStream();
        new JsonRenderer().Write(new EstimateReport(spec, _estimator.Prices, bills), new RenderSettings(), output);
        return output.Length;
    }

    [Benchmark(Description = "load embedded catalog, prices, instance types")]
    public int LoadEmbeddedData() => EmbeddedData.Estimator().Catalog.Components.Length;
}
