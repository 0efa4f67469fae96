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

var daily = Array.IndexOf(args, "--daily-run");
if (daily >= 0)
{
    var staff = daily + 1 < args.Length && int.TryParse(args[daily + 1], System.Globalization.CultureInfo.InvariantCulture, out var st) ? st : 10_000;
    await DailyRunBench.RunAsync(Console.Out, staff);
    return;
}

var child = Array.IndexOf(args, "--sender-child");
if (child >= 0)
{
    await ReminderFanOut.RunChildAsync(Console.Out, args[child + 1], args[child + 2], int.Parse(args[child + 3], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

var reminders = Array.IndexOf(args, "--reminders");
if (reminders >= 0)
{
    var digests = reminders + 1 < args.Length && int.TryParse(args[reminders + 1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 5_000;
    var sendersAt = Array.IndexOf(args, "--senders");
    var senders = sendersAt >= 0 && sendersAt + 1 < args.Length && int.TryParse(args[sendersAt + 1], System.Globalization.CultureInfo.InvariantCulture, out var k) ? k : 1;
    await ReminderFanOut.RunAsync(Console.Out, digests, senders);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Benchmarks run on demand: see docs/benchmarks.md.</summary>
public partial class Program;
