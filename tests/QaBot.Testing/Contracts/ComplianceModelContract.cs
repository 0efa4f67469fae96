using CsCheck;
using QaBot.Application.Compliance;
using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using Xunit;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Testing.Contracts;

/// <summary>
/// The compliance model is kept in step by every <see cref="ITrackingStore"/>: after any sequence of additions,
/// replies, reschedules, nudges, moves with the owner and reassignments, the stored cells equal a recount from the
/// items. Run against the table store on Azurite and the in-memory store.
/// </summary>
public abstract class ComplianceModelContract : IAsyncLifetime
{
    private static readonly ReportMonth First = new(2026, 9);
    private static readonly ReportMonth Last = new(2027, 3);
    private static readonly AreaId[] Areas = [ChesterfieldTeam1, ChesterfieldTeam2, BolsoverTeam1];
    private static readonly string[] Duties = ["supervision", "case-review"];

    private int _run;

    protected abstract ITrackingStore Tracking { get; }

    protected abstract IComplianceStore Compliance { get; }

    /// <summary>How many random sequences the property runs (fewer against real storage).</summary>
    protected virtual int Iterations => 100;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>One step of a random sequence: which item (by number), what happens to it, and a day offset.</summary>
    public sealed record ItemStep(int Item, int Kind, int Days);

    private static readonly Gen<(int Items, ItemStep[] Steps)> GenSequence =
        Gen.Select(Gen.Int[1, 8], Gen.Select(Gen.Int[0, 7], Gen.Int[0, 6], Gen.Int[-20, 40], (i, k, d) => new ItemStep(i, k, d)).Array[0, 25]);

    [Fact]
    public Task AnySequenceOfChanges_ModelEqualsARecountFromTheItems() =>
        GenSequence.SampleAsync(async sequence => await RunAndCompareAsync(sequence.Items, sequence.Steps), iter: Iterations, threads: 1);

    [Fact]
    public async Task DoneLateAndNotApplicable_CountedWhereTheItemsFellDue()
    {
        var team = ChesterfieldTeam1;
        var onTime = TestItems.Open("m-1", Id(6), team, new DateOnly(2026, 10, 12));
        var late = TestItems.Open("m-2", Id(6), team, new DateOnly(2026, 10, 14));
        var setAside = TestItems.Open("m-3", Id(7), team, new DateOnly(2026, 10, 20));
        var open = TestItems.Open("m-4", Id(7), team, new DateOnly(2026, 11, 2));
        await Tracking.AddIfAbsentAsync([onTime, late, setAside, open], TestItems.Origin);

        await Reply(onTime, ReplyKind.Done, new DateOnly(2026, 10, 12));
        await Reply(late, ReplyKind.Done, new DateOnly(2026, 10, 19));
        await Reply(setAside, ReplyKind.NotApplicable, null);

        var cells = await Compliance.GetCellsAsync(Chesterfield, new ReportMonth(2026, 10), new ReportMonth(2026, 11));
        var october = cells.Single(c => c.Month == new ReportMonth(2026, 10)).Duties[new("supervision")];
        Assert.Equal((3, 1, 1, 1, 0), (october.Due, october.OnTime, october.Late, october.NotApplicableTotal, october.OpenTotal));
        var november = cells.Single(c => c.Month == new ReportMonth(2026, 11)).Duties[new("supervision")];
        Assert.Equal(new DateOnly(2026, 11, 2), Assert.Single(november.Open).Key);
        Assert.Empty(await Compliance.GetCellsAsync(Bolsover, new ReportMonth(2026, 10), new ReportMonth(2026, 11)));
    }

    [Fact]
    public async Task NotApplicable_CountedByTheReasonCodeGiven()
    {
        var onLeave = TestItems.Open("na-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        var noCode = TestItems.Open("na-2", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 13));
        await Tracking.AddIfAbsentAsync([onLeave, noCode], TestItems.Origin);

        await Tracking.UpdateAsync(onLeave.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.NotApplicable, null) with { ReasonCode = "leave" }));
        await Tracking.UpdateAsync(noCode.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.NotApplicable, null)));

        Assert.Equal("leave", (await Tracking.GetAsync(onLeave.Key))!.NotApplicableReason);
        var month = new ReportMonth(2026, 10);
        var tally = Assert.Single(await Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal([KeyValuePair.Create("leave", 1), KeyValuePair.Create("other", 1)], tally.NotApplicable);
        await AssertModelEqualsRecountAsync();
    }

    [Fact]
    public async Task MoveWithOwner_FiguresGoWithTheItems()
    {
        var item = TestItems.Open("mv-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        await Tracking.AddIfAbsentAsync([item], TestItems.Origin);

        var moved = Chart.Find(Id(6))! with { Areas = [BolsoverTeam1] };
        await Tracking.TransferAsync(new ItemTransfer(TransferKind.MoveWithOwner, Id(6), ChesterfieldTeam1, moved, TestItems.CreatedAt, Actor.System("test"), TestItems.Origin));

        var month = new ReportMonth(2026, 10);
        Assert.Empty(await Compliance.GetCellsAsync(ChesterfieldTeam1, month, month));
        var cell = Assert.Single(await Compliance.GetCellsAsync(BolsoverTeam1, month, month));
        Assert.Equal(1, cell.Duties[new("supervision")].OpenTotal);
    }

    [Fact]
    public async Task Replace_EmptyCellRemovesTheStoredOne()
    {
        var item = TestItems.Open("rp-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        await Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        var month = new ReportMonth(2026, 10);

        await Compliance.ReplaceAsync([new ComplianceCell(ChesterfieldTeam1, month)]);

        Assert.Empty(await Compliance.GetCellsAsync(ChesterfieldTeam1, month, month));
        var counted = Assert.Single(await Compliance.RecountAsync(month, month));
        Assert.Equal(1, counted.Duties[new("supervision")].Due);
    }

    [Fact]
    public async Task ReplaceOpen_RecountedTallyPutsBackWhatAnEmptyOneRemoved()
    {
        var item = TestItems.Open("ro-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        var done = TestItems.Open("ro-2", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 13));
        await Tracking.AddIfAbsentAsync([item, done], TestItems.Origin);
        await Reply(done, ReplyKind.Done, new DateOnly(2026, 10, 13));

        await Compliance.ReplaceOpenAsync([new OpenTally(ChesterfieldTeam1)]);
        Assert.Empty(await Compliance.GetOpenAsync(ChesterfieldTeam1));

        var counted = Assert.Single(await Compliance.RecountOpenAsync());
        await Compliance.ReplaceOpenAsync([counted]);

        var stored = Assert.Single(await Compliance.GetOpenAsync(Chesterfield));
        Assert.Equal([new OpenCount(ChesterfieldTeam1, new("supervision"), new DateOnly(2026, 10, 12), 1)], stored.DueBefore(DateOnly.MaxValue));
    }

    [Fact]
    public async Task Seal_NeverMovesBack_AndNoReadOfCellsOrTalliesMeetsIt()
    {
        Assert.Null(await Compliance.GetSealedThroughAsync());

        await Compliance.SealThroughAsync(new ReportMonth(2020, 8));
        await Compliance.SealThroughAsync(new ReportMonth(2020, 5));
        Assert.Equal(new ReportMonth(2020, 8), await Compliance.GetSealedThroughAsync());

        await Compliance.SealThroughAsync(new ReportMonth(2020, 11));
        Assert.Equal(new ReportMonth(2020, 11), await Compliance.GetSealedThroughAsync());
        Assert.Empty(await Compliance.GetCellsAsync(null, new ReportMonth(2000, 1), new ReportMonth(2099, 12)));
        Assert.Empty(await Compliance.GetOpenAsync(null));
    }

    /// <summary>Asserts that the stored model equals a recount of every item in the store.</summary>
    protected async Task AssertModelEqualsRecountAsync()
    {
        var stored = (await Compliance.GetCellsAsync(null, First.Previous(), Last.Next().Next())).ToDictionary(c => (c.Area, c.Month));
        var counted = (await Compliance.RecountAsync(First.Previous(), Last.Next().Next())).ToDictionary(c => (c.Area, c.Month));
        Assert.Equal(counted.Keys.OrderBy(k => k.Area.Value, StringComparer.Ordinal).ThenBy(k => k.Month), stored.Keys.OrderBy(k => k.Area.Value, StringComparer.Ordinal).ThenBy(k => k.Month));
        foreach (var (key, cell) in counted)
        {
            Assert.True(cell.SameCounts(stored[key]), $"The model's cell {key.Area} {key.Month} differs from a recount of its items.");
        }

        // Each area's open tally holds the same open entries as its month cells, so "what's overdue" counts what the items give.
        var open = new Dictionary<AreaId, OpenTally>();
        foreach (var cell in counted.Values)
        {
            foreach (var (duty, tally) in cell.Duties)
            {
                foreach (var (due, n) in tally.Open)
                {
                    if (!open.TryGetValue(cell.Area, out var expected))
                    {
                        open[cell.Area] = expected = new OpenTally(cell.Area);
                    }

                    expected.Add(duty, due, n);
                }
            }
        }

        var storedOpen = (await Compliance.GetOpenAsync(null)).ToDictionary(t => t.Area);
        Assert.Equal(open.Keys.Select(a => a.Value).Order(StringComparer.Ordinal), storedOpen.Keys.Select(a => a.Value).Order(StringComparer.Ordinal));
        foreach (var (area, tally) in open)
        {
            Assert.True(tally.SameCounts(storedOpen[area]), $"The model's open tally of {area} differs from a recount of its items.");
        }

        // Each tally keeps the keys of its area's oldest open items: the first ones in order, perhaps fewer than a page
        // where replies have closed some, and at least a page again once the repair pass has filled them.
        var recountedOpen = await Compliance.RecountOpenAsync();
        foreach (var recounted in recountedOpen)
        {
            var kept = storedOpen[recounted.Area].Oldest;
            Assert.Equal(recounted.Oldest.Take(kept.Count), kept);
        }

        await Tracking.RepairAsync(TimeSpan.FromMinutes(5));
        var refilled = (await Compliance.GetOpenAsync(null)).ToDictionary(t => t.Area);
        foreach (var recounted in recountedOpen)
        {
            var kept = refilled[recounted.Area].Oldest;
            Assert.Equal(recounted.Oldest.Take(kept.Count), kept);
            Assert.True(kept.Count >= Math.Min(OpenTally.OldestRefillBelow, recounted.Total), $"After the repair pass the open tally of {recounted.Area} keeps {kept.Count} of its oldest {recounted.Total} items' keys.");
        }
    }

    private async Task RunAndCompareAsync(int count, ItemStep[] steps)
    {
        var run = Interlocked.Increment(ref _run);
        var items = Enumerable.Range(0, count)
            .Select(i => TestItems.Open($"p{run}-{i}", Id(6 + (i % 2)), Areas[i % 2], First.FirstDay.AddDays(10 + (i * 17)), Duties[i % Duties.Length]))
            .ToList();
        await Tracking.AddIfAbsentAsync(items, TestItems.Origin);
        var reply = 0;
        foreach (var step in steps)
        {
            var key = items[step.Item % count].Key;
            var current = await FindAsync(key, items[step.Item % count].Id);
            if (current is null)
            {
                continue;
            }

            var on = current.Due.AddDays(step.Days);
            var replyId = $"r{run}-{reply++}";
            switch (step.Kind)
            {
                case 0 or 1:
                    await Tracking.UpdateAsync(current.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, on, replyId)));
                    break;
                case 2:
                    await Tracking.UpdateAsync(current.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, on > i.Due ? on : i.Due.AddDays(1), replyId), []));
                    break;
                case 3:
                    await Tracking.UpdateAsync(current.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.NotApplicable, null, replyId)));
                    break;
                case 4:
                    await Tracking.UpdateAsync(current.Key, i => ItemTransitions.Nudge(i, new ItemNudge(i.Id, Id(4), TestItems.CreatedAt.AddMinutes(reply), TestItems.Origin)));
                    break;
                case 5:
                    var mover = Chart.Find(current.Owner)! with { Areas = [Areas[(Array.IndexOf(Areas, current.Area) + 1) % Areas.Length]] };
                    await Tracking.TransferAsync(new ItemTransfer(TransferKind.MoveWithOwner, current.Owner, current.Area, mover, TestItems.CreatedAt, Actor.System("test"), TestItems.Origin));
                    break;
                default:
                    var to = Chart.Find(Id(5))!;
                    await Tracking.TransferAsync(new ItemTransfer(TransferKind.ReassignOutstanding, current.Owner, current.Area, to, TestItems.CreatedAt, Actor.System("test"), TestItems.Origin));
                    break;
            }
        }

        await AssertModelEqualsRecountAsync();
    }

    /// <summary>The item wherever it now lives (a transfer may have moved it to another area).</summary>
    private async Task<TrackedItem?> FindAsync(ItemKey first, Core.Scheduling.OccurrenceId id)
    {
        foreach (var area in new[] { first.Area }.Concat(Areas))
        {
            if (await Tracking.GetAsync(new ItemKey(area, id)) is { } item)
            {
                return item;
            }
        }

        return null;
    }

    private Task<ItemUpdateResult> Reply(TrackedItem item, ReplyKind kind, DateOnly? on) =>
        Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, kind, on)));
}
