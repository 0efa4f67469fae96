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

var drill = Array.IndexOf(args, "--restore-drill");
if (drill >= 0)
{
    var items = drill + 1 < args.Length && int.TryParse(args[drill + 1], System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 200_000;
    await RestoreDrill.RunAsync(Console.Out, items);
    return;
}

var subjectAccess = Array.IndexOf(args, "--subject-access");
if (subjectAccess >= 0)
{
    var items = subjectAccess + 1 < args.Length && int.TryParse(args[subjectAccess + 1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 200_000;
    await SubjectAccessBench.RunAsync(Console.Out, items);
    return;
}

var reminders = Array.IndexOf(args, "--reminders");
if (reminders >= 0)
{
    var digests = reminders + 1 < args.Length && int.TryParse(args[reminders + 1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 5_000;
    await ReminderFanOut.RunAsync(Console.Out, digests);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Benchmarks run on demand: see docs/benchmarks.md.</summary>
public partial class Program;
