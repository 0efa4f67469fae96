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

if (CountAfter("--restore-drill", 200_000) is { } drillItems)
{
    await RestoreDrill.RunAsync(Console.Out, drillItems);
    return;
}

if (CountAfter("--subject-access", 200_000) is { } accessItems)
{
    await SubjectAccessBench.RunAsync(Console.Out, accessItems);
    return;
}

if (CountAfter("--daily-run", 10_000) is { } staff)
{
    await DailyRunBench.RunAsync(Console.Out, staff);
    return;
}

var child = Array.IndexOf(args, "--sender-child");
if (child >= 0)
{
    await ReminderFanOut.RunChildAsync(Console.Out, args[child + 1], args[child + 2], int.Parse(args[child + 3], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (CountAfter("--reminders", 5_000) is { } digests)
{
    await ReminderFanOut.RunAsync(Console.Out, digests, CountAfter("--senders", 1) ?? 1);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// The number after an option ("--daily-run 10000"), or the fallback when none follows it; null when the option is absent.
int? CountAfter(string option, int fallback)
{
    var at = Array.IndexOf(args, option);
    if (at < 0)
    {
        return null;
    }

    return at + 1 < args.Length && int.TryParse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : fallback;
}

/// <summary>Benchmarks run on demand: see docs/benchmarks.md.</summary>
public partial class Program;
