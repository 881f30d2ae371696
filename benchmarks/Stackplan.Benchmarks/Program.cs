using BenchmarkDotNet.Running;

namespace Stackplan.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["generate-plan", _, _])
        {
            PlanGenerator.Write(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
