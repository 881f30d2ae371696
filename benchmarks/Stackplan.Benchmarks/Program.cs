using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Stackplan.Benchmarks.AnalysisBenchmarks).Assembly).Run(args);
