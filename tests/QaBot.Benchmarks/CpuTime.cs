using System.Diagnostics;
using System.Globalization;

namespace QaBot.Benchmarks;

/// <summary>
/// A second measure beside BenchmarkDotNet's wall-clock figures: processor time used by the run, which stays
/// meaningful when the machine is shared with other work (<c>-- --cpu-time</c>).
/// </summary>
internal static class CpuTime
{
    public static void Run(TextWriter output)
    {
        foreach (var people in new[] { 500, 5_000, 50_000 })
        {
            var benchmark = new ScheduleBenchmarks { People = people };
            benchmark.Setup();
            benchmark.TwelveMonths(); // warm-up: JIT and first-use costs
            var samples = new List<(double CpuMs, double WallMs, long Bytes, int Count)>();
            for (var i = 0; i < 5; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                var wall = Stopwatch.StartNew();
                var count = benchmark.TwelveMonths();
                wall.Stop();
                process.Refresh();
                samples.Add(((process.TotalProcessorTime - cpuBefore).TotalMilliseconds, wall.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - bytesBefore, count));
            }

            var median = samples.OrderBy(s => s.CpuMs).ElementAt(samples.Count / 2);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{people,6} people: {median.Count,9:N0} occurrences, processor time {median.CpuMs,8:N0} ms (median of 5), wall {median.WallMs,8:N0} ms, allocated {median.Bytes / 1024.0 / 1024.0,7:N1} MB"));
        }
    }
}
