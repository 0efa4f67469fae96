using System.Diagnostics;
using QaBot.Core.Compliance;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
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

    [Fact]
    public async Task OpenTallies_TenThousandItems_CountTheOverdueRowsFromOneRowPerAreaAndAPageFromItsOwnRows()
    {
        var data = SyntheticItems.Create(10_000);
        await _storage.Tracking.AddIfAbsentAsync(data.Items, new("test"));
        var rows = await _storage.Tracking.GetOutstandingAsync(data.Division, SyntheticItems.AsOf);
        var areas = data.Items.Select(i => i.Current).Where(i => i.IsOutstanding && i.Area.IsWithin(data.Division)).Select(i => i.Area).Distinct().Count();
        _storage.Counter.Reset();

        var tallies = await _storage.Compliance.GetOpenAsync(data.Division);

        _output.WriteLine($"open tallies of one division: {tallies.Count} areas, {_storage.Counter.Entities} entities read for {rows.Count} overdue items");
        Assert.Equal(areas, tallies.Count);
        Assert.Equal(areas, _storage.Counter.Entities);
        var overdue = tallies.SelectMany(t => t.DueBefore(SyntheticItems.AsOf)).ToList();
        Assert.Equal(OverdueSummary.ByAreaAndDuty(rows, data.Division), OverdueSummary.ByAreaAndDuty(overdue, data.Division));

        var first = rows[0];
        _storage.Counter.Reset();
        var page = await _storage.Tracking.GetOutstandingKeptInAsync(first.Area, first.EffectiveDue, SyntheticItems.AsOf.AddDays(-1), 10);

        Assert.Equal(rows.Where(i => i.Area == first.Area).Take(10).Select(i => i.Id), page.Select(i => i.Id));
        Assert.InRange(_storage.Counter.Entities, 1, 10);
    }

    [Fact]
    public async Task OpenTallies_TenThousandItems_KeepTheKeysOfEachAreasOldestItemsSoAPageIsReadByKeyAlone()
    {
        var data = SyntheticItems.Create(10_000);
        await _storage.Tracking.AddIfAbsentAsync(data.Items, new("test"));
        var rows = await _storage.Tracking.GetOutstandingAsync(data.Division, SyntheticItems.AsOf);
        var tallies = await _storage.Compliance.GetOpenAsync(data.Division);
        var first = rows[0];
        var tally = tallies.Single(t => t.Area == first.Area);
        var expected = (await _storage.Tracking.GetOutstandingKeptInAsync(first.Area, DateOnly.MinValue, new DateOnly(2100, 1, 1), OpenTally.OldestKept)).Select(i => i.Id).ToList();
        Assert.Equal(expected, tally.Oldest.Select(k => k.Item));

        var keys = tally.OldestAt(0, 10)!;
        _storage.Counter.Reset();
        var page = await _storage.Tracking.GetOutstandingByKeyAsync(first.Area, keys);

        _output.WriteLine($"a page of one area by key: {_storage.Counter.Entities} entities in {_storage.Counter.Reads} requests");
        Assert.Equal(expected.Take(10), page.Select(i => i.Id));
        Assert.Equal(10, _storage.Counter.Entities);
        Assert.Equal(10, _storage.Counter.Reads);

        // Closing the oldest items one by one: the tally's keys stay the first ones, one fewer each time, and a reply
        // reads nothing to fill them; the repair pass fills them again.
        var closing = rows.Where(i => i.Area == first.Area).Take(15).ToList();
        foreach (var (item, n) in closing.Select((item, n) => (item, n + 1)))
        {
            await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, SyntheticItems.AsOf, $"r-{i.Id.Value}")));
            var now = (await _storage.Compliance.GetOpenAsync(first.Area)).Single();
            Assert.Equal(expected.Skip(n), now.Oldest.Select(k => k.Item));
        }

        var spent = (await _storage.Compliance.GetOpenAsync(first.Area)).Single();
        Assert.True(spent.NeedsOldest);
        await _storage.Tracking.RepairAsync(TimeSpan.FromMinutes(5));

        var refilled = (await _storage.Compliance.GetOpenAsync(first.Area)).Single();
        var order = (await _storage.Tracking.GetOutstandingKeptInAsync(first.Area, DateOnly.MinValue, new DateOnly(2100, 1, 1), OpenTally.OldestKept)).Select(i => new OpenKey(i.EffectiveDue, i.Id)).ToList();
        Assert.Equal(OpenTally.OldestKept, refilled.Oldest.Count);
        Assert.Equal(order, refilled.Oldest);
    }

    [Fact]
    public async Task OpenTally_OldestKeysUnreadable_DropsThemAndKeepsTheCountsAndTheWrites()
    {
        var items = Enumerable.Range(0, 3).Select(i => TestItems.Open($"u-{i}", TestDirectory.Id(6), TestDirectory.ChesterfieldTeam1, new DateOnly(2026, 10, 5).AddDays(i))).ToList();
        await _storage.Tracking.AddIfAbsentAsync(items.Select(NewItem.Of).ToList(), TestItems.Origin);
        var partition = TestDirectory.ChesterfieldTeam1.Value + ".";
        var row = (await _storage.Tables.Compliance.GetEntityAsync<Azure.Data.Tables.TableEntity>(partition, "open")).Value;
        row["Oldest"] = "not a key\n2026-10-05|u-0";
        await _storage.Tables.Compliance.UpdateEntityAsync(row, row.ETag);

        var tally = Assert.Single(await _storage.Compliance.GetOpenAsync(TestDirectory.ChesterfieldTeam1));

        Assert.Empty(tally.Oldest);
        Assert.Equal(3, tally.Total);
        await _storage.Tracking.UpdateAsync(items[2].Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 6))));
        Assert.Equal(2, Assert.Single(await _storage.Compliance.GetOpenAsync(TestDirectory.ChesterfieldTeam1)).Total);
        await _storage.Tracking.RepairAsync(TimeSpan.FromMinutes(5));
        var after = Assert.Single(await _storage.Compliance.GetOpenAsync(TestDirectory.ChesterfieldTeam1));
        Assert.Equal(["u-0", "u-1"], after.Oldest.Select(k => k.Item.Value));
    }
}
