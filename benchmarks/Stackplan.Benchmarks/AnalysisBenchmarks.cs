using BenchmarkDotNet.Attributes;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Analysis;

namespace Stackplan.Benchmarks;

/// <summary>
/// Scenario evaluations per second on examples/nist-observability, on one thread. Each benchmark
/// method runs <see cref="Evaluations"/> evaluations, so BenchmarkDotNet's "Op/s" column is
/// evaluations per second. The model is compiled and specialised once, in the setup.
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private const int Evaluations = 10_000;

    private DeploymentModel _model = null!;
    private ScenarioEvaluator _sweep = null!;
    private ScenarioEvaluator _unsized = null!;
    private ScenarioEvaluator _monteCarlo = null!;
    private UsageSampler _sampler = null!;
    private decimal[] _values = null!;
    private int _logsSlot;
    private readonly double[] _sample = new double[8];

    /// <summary>The three deployments seed 000 compares.</summary>
    [Params("prod/self-managed", "prod-aws/aws-managed")]
    public string Deployment { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var spec = SpecReader.Read(File.ReadAllText(FindExample()), "examples/nist-observability/platform.yaml");
        var parts = Deployment.Split('/');
        _model = EmbeddedData.Estimator().Compile(spec, new DeploymentRef(parts[0], parts[1], spec.Location));
        // logs_gb_per_day reaches Loki's pods on prod/self-managed: every scenario is re-sized there.
        _sweep = ScenarioEvaluator.Create(_model, ["logs_gb_per_day"]);
        // traces_per_month reaches no pod (Tempo runs as a fixed monolith): sizing is folded.
        _unsized = ScenarioEvaluator.Create(_model, ["traces_per_month"]);
        var keys = Sweep.UncertainKeys(_model);
        _monteCarlo = ScenarioEvaluator.Create(_model, keys);
        _sampler = new UsageSampler(_model, keys, seed: 42);
        _values = _model.ValuesAt(1);
        _logsSlot = _model.SlotOf["logs_gb_per_day"];
    }

    /// <summary>The unspecialised baseline: every line through decimal delegates.</summary>
    [Benchmark(OperationsPerInvoke = Evaluations, Baseline = true)]
    public decimal SweepFullModelDecimal()
    {
        var sum = 0m;
        for (var i = 0; i < Evaluations; i++)
        {
            _values[_logsSlot] = i * 0.01m;
            sum += _model.MonthlyTotal(_values);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Evaluations)]
    public decimal SweepSpecialisedDecimal()
    {
        var sum = 0m;
        for (var i = 0; i < Evaluations; i++)
        {
            sum += _sweep.EvaluateExact([i * 0.01m]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Evaluations)]
    public double SweepSpecialisedDouble()
    {
        var sum = 0.0;
        for (var i = 0; i < Evaluations; i++)
        {
            sum += _sweep.Evaluate([i * 0.01]);
        }

        return sum;
    }

    /// <summary>A key no pod reads: the sizing is folded into the constant, as before re-sizing existed.</summary>
    [Benchmark(OperationsPerInvoke = Evaluations)]
    public decimal SweepUnsizedKeyDecimal()
    {
        var sum = 0m;
        for (var i = 0; i < Evaluations; i++)
        {
            sum += _unsized.EvaluateExact([i * 1000m]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Evaluations)]
    public double SweepUnsizedKeyDouble()
    {
        var sum = 0.0;
        for (var i = 0; i < Evaluations; i++)
        {
            sum += _unsized.Evaluate([i * 1000.0]);
        }

        return sum;
    }

    /// <summary>One Monte Carlo scenario: draw every uncertain usage key, then evaluate.</summary>
    [Benchmark(OperationsPerInvoke = Evaluations)]
    public double MonteCarloSampleAndEvaluate()
    {
        var sum = 0.0;
        var sample = _sample.AsSpan(0, _monteCarlo.VariedKeys.Length);
        for (var i = 0; i < Evaluations; i++)
        {
            _sampler.Fill(i, sample);
            sum += _monteCarlo.Evaluate(sample);
        }

        return sum;
    }

    private static string FindExample()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stackplan.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("run from inside the repository"), "examples", "nist-observability", "platform.yaml");
    }
}
