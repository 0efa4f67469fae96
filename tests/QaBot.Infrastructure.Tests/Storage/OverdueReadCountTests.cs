using System.Diagnostics;
using QaBot.Core.Tracking;
using QaBot.Testing.Storage;
using Xunit.Abstractions;

namespace QaBot.Infrastructure.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class OverdueReadCountTests : IAsyncLifetime
{
    private readonly StorageContext _storage = new();
    private readonly ITestOutputHelper _output;

    public OverdueReadCountTests(ITestOutputHelper output) => _output = output;

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public async Task GetOutstandingAsync_TenThousandItems_ReadsOnlyTheRowsItReturns()
    {
        var data = SyntheticItems.Create(10_000);
        var load = Stopwatch.StartNew();
        Assert.Equal(10_000, await _storage.Tracking.AddIfAbsentAsync(data.Items, new("test")));
        load.Stop();

        var expected = data.Items
            .Select(i => i.Current)
            .Where(i => i.Area.IsWithin(data.Division) && i.IsOutstanding && i.EffectiveDue < SyntheticItems.AsOf)
            .Select(i => i.Id.Value)
            .Order(StringComparer.Ordinal)
            .ToList();
        _storage.Counter.Reset();

        var overdue = await _storage.Tracking.GetOutstandingAsync(data.Division, SyntheticItems.AsOf);

        var returned = overdue.Count;
        _output.WriteLine($"loaded 10,000 items in {load.Elapsed.TotalSeconds:F1} s; overdue in one division: {returned} returned, {_storage.Counter.Entities} entities read in {_storage.Counter.Reads} requests");
        Assert.Equal(expected, overdue.Select(i => i.Id.Value).Order(StringComparer.Ordinal));
        Assert.InRange(returned, 100, 1_000);
        Assert.True(_storage.Counter.Entities <= (2 * returned) + 5, $"{_storage.Counter.Entities} entities read for {returned} returned");
        Assert.Equal(returned, _storage.Counter.Entities);

        _storage.Counter.Reset();
        var counts = await _storage.Tracking.CountOutstandingAsync(data.Division, SyntheticItems.AsOf);

        Assert.Equal(OverdueSummary.ByAreaAndDuty(overdue, data.Division), counts);
        Assert.Equal(returned, counts.Sum(c => c.Count));
        Assert.Equal(returned, _storage.Counter.Entities);
    }
}
