using BenchmarkDotNet.Running;
using QaBot.Benchmarks;

if (args.Contains("--cpu-time"))
{
    CpuTime.Run(Console.Out);
    return;
}

if (args.Contains("--overdue-turn"))
{
    await OverdueTurnBenchmark.RunAsync(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Benchmarks run on demand: see docs/benchmarks.md.</summary>
public partial class Program;
