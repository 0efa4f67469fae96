using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;
using QaBot.Testing.Storage;

namespace QaBot.Benchmarks;

#pragma warning disable CA1822 // BenchmarkDotNet calls benchmarks and set-up on an instance; the loaded data is shared statically.

/// <summary>
/// "What's overdue in my area" against Azurite with 200,000 items loaded by entity group transactions
/// (docs/benchmarks.md). Set QABOT_BENCH_ITEMS for another size. The set-up prints the load time and, for each query,
/// how many rows it returned and how many entities the service sent back.
/// </summary>
[Config(typeof(InProcessConfig))]
public class OverdueQueryBenchmarks
{
    // Loaded once per process and shared by every benchmark in it: loading is the slow part.
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static bool _loaded;
    private static TableTrackingStore _store = null!;
    private static SyntheticItems _data = null!;
    private static EntityCounter _counter = null!;
    private static AreaId _team;
    private static Person _person = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private static async Task SetupAsync()
    {
        await Loading.WaitAsync();
        try
        {
            if (!_loaded)
            {
                await LoadAsync();
                _loaded = true;
            }
        }
        finally
        {
            Loading.Release();
        }
    }

    private static async Task LoadAsync()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("QABOT_BENCH_ITEMS"), CultureInfo.InvariantCulture, out var n) ? n : 200_000;
        var storage = new TestStorage();
        _counter = storage.Counter;
        var tables = new StorageTables(storage.Service, storage.Prefix);
        await new StorageInitializer(tables, NullLogger<StorageInitializer>.Instance).InitializeAsync();
        _store = new TableTrackingStore(tables, TimeProvider.System, NullLogger<TableTrackingStore>.Instance);
        _data = SyntheticItems.Create(count);

        var clock = Stopwatch.StartNew();
        var added = await _store.AddIfAbsentAsync(_data.Items, new AuditOrigin("benchmark"));
        clock.Stop();
        var requests = _counter.Requests;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Loaded {added:N0} items in {clock.Elapsed.TotalSeconds:F1} s ({added / clock.Elapsed.TotalSeconds:N0} items/s) with {requests:N0} requests (entity group transactions of up to 100 rows)."));

        _team = _data.Tree.Subtree(_data.Division).First(a => a.Kind == AreaKind.Team).Id;
        var owner = _data.Items.First(i => i.Current.Area == _team && i.Current.IsOutstanding).Current.Owner;
        _person = new Person(owner, "bench@council.example", "Bench", "Officer", [_team], [], null, new DateOnly(2020, 1, 1), true, null, Person.Sources.CsvImport);

        await ReportAsync("overdue in a division", () => _store.GetOutstandingAsync(_data.Division, SyntheticItems.AsOf));
        await ReportAsync("overdue in a team", () => _store.GetOutstandingAsync(_team, SyntheticItems.AsOf));
        await ReportAsync("overdue in the department", () => _store.GetOutstandingAsync(_data.Tree.Root!.Id, SyntheticItems.AsOf));
        await ReportAsync("one person's open items", () => _store.GetOpenItemsAsync(_person));
        _counter.Reset();
        var clock2 = Stopwatch.StartNew();
        var counts = await _store.CountOutstandingAsync(_data.Tree.Root!.Id, SyntheticItems.AsOf);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// counts by area and duty for the department: {counts.Count} groups of {counts.Sum(c => c.Count):N0} items, {_counter.Entities:N0} entities read in {_counter.Reads:N0} requests, first run {clock2.Elapsed.TotalMilliseconds:F0} ms."));
    }

    private static async Task ReportAsync(string name, Func<Task<IReadOnlyList<TrackedItem>>> query)
    {
        _counter.Reset();
        var clock = Stopwatch.StartNew();
        var rows = await query();
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {name}: {rows.Count:N0} rows returned, {_counter.Entities:N0} entities read in {_counter.Reads:N0} requests, first run {clock.Elapsed.TotalMilliseconds:F0} ms."));
    }

    [Benchmark]
    public Task<IReadOnlyList<TrackedItem>> OverdueInDivision() => _store.GetOutstandingAsync(_data.Division, SyntheticItems.AsOf);

    [Benchmark]
    public Task<IReadOnlyList<TrackedItem>> OverdueInTeam() => _store.GetOutstandingAsync(_team, SyntheticItems.AsOf);

    [Benchmark]
    public Task<IReadOnlyList<TrackedItem>> OpenItemsOfOnePerson() => _store.GetOpenItemsAsync(_person);

    [Benchmark]
    public Task<IReadOnlyList<AreaDutyCount>> CountsForTheDepartment() => _store.CountOutstandingAsync(_data.Tree.Root!.Id, SyntheticItems.AsOf);
}
