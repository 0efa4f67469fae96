using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Benchmarks run on demand: <c>dotnet run -c Release --project tests/QaBot.Benchmarks -- --filter '*'</c>.</summary>
public partial class Program;
