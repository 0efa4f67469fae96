using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using QaBot.Composition;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Benchmarks;

/// <summary>
/// Twelve months of occurrences (calendar year 2026) for a whole department: people spread evenly over the roles of
/// the framework catalogue as shipped, everyone holding a role with per-report duties managing eight people. One
/// window per run, as the daily run does.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
[Config(typeof(SlowBuildConfig))]
public class ScheduleBenchmarks
{
    private ScheduleEngine _engine = null!;
    private RoleHolding[] _holdings = [];

    [Params(500, 5_000, 50_000)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new FrameworkOptions();
        var loaded = DataFiles.ReadCatalogue(DataFiles.Resolve(options.CatalogueFile));
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Errors));
        }

        var catalogue = loaded.Catalogue;
        _engine = new ScheduleEngine(catalogue, DataFiles.ReadCalendar(DataFiles.Resolve(options.CalendarDirectory)), SchedulePolicy.Default);
        var roles = catalogue.Roles.Select(r => r.Id).ToArray();
        var perReportRoles = catalogue.Roles.Where(r => r.Duties.Any(d => d.PerReport)).Select(r => r.Id).ToHashSet();
        _holdings = Enumerable.Range(0, People).Select(i =>
        {
            var role = roles[i % roles.Length];
            var reports = perReportRoles.Contains(role)
                ? Enumerable.Range(1, 8).Select(r => Person((i * 16) + r)).ToList()
                : [];
            return new RoleHolding(Person(i), role, new DateOnly(2020, 1, 1), reports);
        }).ToArray();
    }

    [Benchmark]
    public int TwelveMonths()
    {
        var window = _engine.Window(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var occurrences = new List<Occurrence>();
        foreach (var holding in _holdings)
        {
            window.AddOccurrences(holding, occurrences);
        }

        return occurrences.Count;
    }

    private static PersonId Person(int n) => new(new Guid(n, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 0).ToString("D"));
}

/// <summary>BenchmarkDotNet builds a copy of the project first; on a busy two-core machine that can take minutes.</summary>
internal sealed class SlowBuildConfig : ManualConfig
{
    public SlowBuildConfig() => WithBuildTimeout(TimeSpan.FromMinutes(15));
}
