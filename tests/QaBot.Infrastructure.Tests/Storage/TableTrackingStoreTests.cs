using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>What only the table store has: its transactions, its write-ahead markers and their repair. The rest is <see cref="Testing.Contracts.TrackingStoreContract"/>.</summary>
[Trait("Category", "Storage")]
public sealed class TableTrackingStoreTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 20);
    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    private static TrackedItem Item(string id, int owner, AreaId area, DateOnly due) => TestItems.Open(id, Id(owner), area, due);

    [Fact]
    public async Task AddIfAbsentAsync_ManyItemsWithLongIdsInOneArea_AllAddedThoughOneMarkerCouldNotHoldThem()
    {
        // A vacant post's supervision: ids name the departed manager and the supervisee, so each is long; a hundred
        // of them in one area would overflow a single write-ahead marker's property (32K characters).
        var area = ChesterfieldTeam1.Child("Children's Social Care North: Assessment, Child in Need and Child Protection " + new string('x', 60));
        var items = Enumerable.Range(0, 100)
            .Select(n => TestItems.Open($"manager-supervision.2026-12.{Id(4)}.{Id(1000 + n)}", Id(3), area, AsOf.AddDays(20)) with { Concerns = Id(1000 + n) })
            .Select(NewItem.Of)
            .ToList();

        Assert.Equal(100, await _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin));
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task AddIfAbsentAsync_TheNextMorningsItems_FoundKeptByOneQueryAndNothingWritten()
    {
        // Three duties, two months, 24 people in one team: 144 items, which one key at a time would take 11 queries to look for.
        var items = Month("supervision", 2026, 12).Concat(Month("supervision", 2027, 1))
            .Concat(Month("case-review", 2026, 12)).Concat(Month("case-review", 2027, 1))
            .Concat(Month("observation", 2026, 12)).Concat(Month("observation", 2027, 1))
            .ToList();
        Assert.Equal(144, await _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin));

        _storage.Counter.Reset();
        Assert.Equal(0, await _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin));

        Assert.Equal(1, _storage.Counter.Requests);

        static IEnumerable<NewItem> Month(string duty, int year, int month) => Enumerable.Range(10, 24)
            .Select(n => NewItem.Of(TestItems.Open($"{duty}.{year}-{month:00}.{Id(n)}", Id(n), ChesterfieldTeam1, new DateOnly(year, month, 20))));
    }

    [Fact]
    public async Task AddIfAbsentAsync_KeptItemsAroundOnesNotAskedFor_AddsOnlyTheNewOnes()
    {
        NewItem Supervision(string month, int person) => NewItem.Of(Item($"supervision.2026-{month}.{Id(person)}", person, ChesterfieldTeam1, new DateOnly(2026, int.Parse(month, System.Globalization.CultureInfo.InvariantCulture), 20)));
        await _storage.Tracking.AddIfAbsentAsync([Supervision("09", 6), Supervision("10", 6), Supervision("11", 6)], TestItems.Origin);

        // The range read for September to November returns October's item too, though it is not asked for.
        var added = await _storage.Tracking.AddIfAbsentAsync([Supervision("09", 6), Supervision("10", 7), Supervision("11", 6)], TestItems.Origin);

        Assert.Equal(1, added);
        Assert.NotNull(await _storage.Tracking.GetAsync(new ItemKey(ChesterfieldTeam1, new("supervision.2026-10." + Id(7).Value))));
        Assert.Equal(4, (await _storage.Tracking.GetOutstandingAsync(ChesterfieldTeam1, new DateOnly(2027, 1, 1))).Count);
    }

    [Fact]
    public void RangeFilters_KeysOfEightKinds_TwoQueriesOfRangesAndSingleKeys()
    {
        var keys = Enumerable.Range(1, 8).SelectMany(kind => new[] { $"i|duty{kind}.2026-11.a", $"i|duty{kind}.2026-12.b" }).Append("i|single.2026-12.c").ToList();

        var filters = QaBot.Infrastructure.Storage.TableQueries.RangeFilters("p", keys, '.').ToList();

        Assert.Equal(2, filters.Count);
        Assert.Equal("PartitionKey eq 'p' and ((RowKey ge 'i|duty1.2026-11.a' and RowKey le 'i|duty1.2026-12.b') or " +
            "(RowKey ge 'i|duty2.2026-11.a' and RowKey le 'i|duty2.2026-12.b') or (RowKey ge 'i|duty3.2026-11.a' and RowKey le 'i|duty3.2026-12.b') or " +
            "(RowKey ge 'i|duty4.2026-11.a' and RowKey le 'i|duty4.2026-12.b') or (RowKey ge 'i|duty5.2026-11.a' and RowKey le 'i|duty5.2026-12.b') or " +
            "(RowKey ge 'i|duty6.2026-11.a' and RowKey le 'i|duty6.2026-12.b') or (RowKey ge 'i|duty7.2026-11.a' and RowKey le 'i|duty7.2026-12.b'))", filters[0]);
        Assert.Equal("PartitionKey eq 'p' and ((RowKey ge 'i|duty8.2026-11.a' and RowKey le 'i|duty8.2026-12.b') or RowKey eq 'i|single.2026-12.c')", filters[1]);
    }

    [Fact]
    public async Task RepairAsync_ProcessStoppedAfterAddingItems_PlansTheirRemindersAndIndex()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, AsOf);
        _storage.Tracking.FaultPoint = point => point == "after-items-added" ? throw new IOException("the process stopped") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin));
        _storage.Tracking.FaultPoint = null;
        Assert.Empty(await _storage.Tracking.GetDueForReminderAsync(TestItems.CreatedAt, TestItems.CreatedAt.AddDays(200)));

        Assert.Equal(1, await _storage.Tracking.RepairAsync(TimeSpan.Zero));

        Assert.Equal(item.RemindAt, (await _storage.Tracking.GetDueForReminderAsync(TestItems.CreatedAt, TestItems.CreatedAt.AddDays(200))).Select(r => r.RemindAt));
        Assert.Single(await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!));
    }

    [Theory]
    [InlineData("before-compliance")]
    [InlineData("after-item-write")]
    public async Task RepairAsync_StoppedBeforeTheComplianceWrite_RecountsTheCellsTheWriteTouched(string point)
    {
        var october = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 20));
        await _storage.Tracking.AddIfAbsentAsync([october], TestItems.Origin);
        _storage.Tracking.FaultPoint = p => p == point ? throw new IOException("the process stopped") : Task.CompletedTask;

        await Assert.ThrowsAsync<IOException>(() => _storage.Tracking.UpdateAsync(october.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 19)))));
        _storage.Tracking.FaultPoint = null;
        var month = new ReportMonth(2026, 10);
        var stale = Assert.Single(await _storage.Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal((1, 0), (stale.OpenTotal, stale.OnTime));

        Assert.Equal(1, await _storage.Tracking.RepairAsync(TimeSpan.Zero));

        var repaired = Assert.Single(await _storage.Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal((0, 1), (repaired.OpenTotal, repaired.OnTime));
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task UpdateAsync_Reply_TheComplianceModelCostsOneRequestANudgeNone()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 20));
        var other = Item("occ-2", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 21));
        await _storage.Tracking.AddIfAbsentAsync([item, other], TestItems.Origin);

        _storage.Counter.Reset();
        await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Nudge(i, new ItemNudge(i.Id, Id(4), TestItems.CreatedAt, TestItems.Origin)));
        var nudge = _storage.Counter.Requests;
        _storage.Counter.Reset();
        await _storage.Tracking.UpdateAsync(other.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.NotApplicable, null)));
        var reply = _storage.Counter.Requests;

        // Both read the item, write and delete a marker, write the item's transaction and one index row (the nudge
        // rewrites the copy, the reply removes it). The reply, which closes the item, also deletes its planned reminder,
        // and reads its compliance cell and open tally; the transaction writing them deletes the marker too, so the
        // model costs one request.
        Assert.Equal(5, nudge);
        Assert.Equal(nudge + 1 + 1, reply);
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task UpdateAsync_ARepairTookTheMarkerBeforeTheCellsWereWritten_CountsTheReplyOnce()
    {
        // The write stalls after the item is written, long enough for a repair to take its marker as left behind.
        await ReplyOnTimeStallingAtAsync("before-compliance", async () => Assert.Equal(1, await _storage.Tracking.RepairAsync(TimeSpan.Zero)));

        await AssertOnTimeOnceAsync();
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task UpdateAsync_ARepairTookTheMarkerBeforeTheItemWasWritten_CountsTheReplyOnce()
    {
        // The write stalls after its marker, and a repair recounts from the items as they were before the reply.
        await ReplyOnTimeStallingAtAsync("after-marker", async () => Assert.Equal(1, await _storage.Tracking.RepairAsync(TimeSpan.Zero)));

        await AssertOnTimeOnceAsync();
        Assert.Empty(await _storage.Tracking.GetOutstandingAsync(ChesterfieldTeam1, AsOf));
    }

    [Fact]
    public async Task UpdateAsync_ARepairClaimedTheMarkerAndHasNotFinished_CountsTheReplyOnceWhenItDoes()
    {
        // A repair claims the marker (and may be recounting) when the writer comes to write the counts.
        await ReplyOnTimeStallingAtAsync("before-compliance", async () =>
        {
            var marker = Assert.Single(_storage.Tables.Compliance.Query<TableEntity>(e => e.RowKey.CompareTo(IndexMarkers.RowPrefix) > 0));
            await _storage.Tables.Compliance.UpdateEntityAsync(IndexMarkers.Claim(marker, IndexMarkers.ByRepair, TestItems.CreatedAt), marker.ETag);
        });

        // The writer recounted its cells and left the marker to the repair, which follows it up and deletes it.
        await AssertOnTimeOnceAsync();
        Assert.Single(_storage.Tables.Compliance.Query<TableEntity>(e => e.RowKey.CompareTo(IndexMarkers.RowPrefix) > 0));
        Assert.Equal(1, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
        await AssertOnTimeOnceAsync();
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task RepairAsync_AnotherReplyInTheAreaWrittenButNotYetCounted_CountsEachReplyOnce()
    {
        // The first reply's process stops after its item is written; ten minutes on, the second reply is written and,
        // before it counts itself, a repair recounts October from the items, which already show both replies.
        var second = Item("occ-2", 7, ChesterfieldTeam1, new DateOnly(2026, 10, 22));
        var tracking = await StoreWithAReplyLeftBehindAsync(Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 20)), second);
        var result = await tracking.UpdateAsync(second.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 21))));

        Assert.Equal(ItemUpdateStatus.Updated, result.Status);
        Assert.Null(tracking.FaultPoint);
        var month = new ReportMonth(2026, 10);
        var counts = Assert.Single(await _storage.Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal((2, 0, 2), (counts.Due, counts.OpenTotal, counts.OnTime));
        Assert.Empty(await _storage.Compliance.GetOpenAsync(ChesterfieldTeam1));

        // The second writer, claimed by the recount, deleted its own marker once it had recounted.
        Assert.Equal(0, await tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task RepairAsync_TwoWritesLeftInOneArea_FollowsUpBothInOnePass()
    {
        var first = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 20));
        var second = Item("occ-2", 7, ChesterfieldTeam1, new DateOnly(2026, 10, 22));
        await _storage.Tracking.AddIfAbsentAsync([first, second], TestItems.Origin);
        _storage.Tracking.FaultPoint = p => p == "after-item-write" ? throw new IOException("the process stopped") : Task.CompletedTask;
        foreach (var item in new[] { first, second })
        {
            await Assert.ThrowsAsync<IOException>(() => _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 19)))));
        }

        _storage.Tracking.FaultPoint = null;

        // The recount for the first marker claims the second (a write of the same area it cannot tell from one still
        // going); the repair takes it over from the recount and follows it up in the same pass.
        Assert.Equal(2, await _storage.Tracking.RepairAsync(TimeSpan.Zero));

        Assert.Empty(await _storage.Tracking.GetOutstandingAsync(Department, AsOf));
        Assert.Empty(_storage.Tables.Compliance.Query<TableEntity>(e => e.RowKey.CompareTo(IndexMarkers.RowPrefix) > 0));
        var month = new ReportMonth(2026, 10);
        var counts = Assert.Single(await _storage.Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal((2, 0, 2), (counts.Due, counts.OpenTotal, counts.OnTime));
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task RepairAsync_AMoveOutOfTheAreaNotYetCounted_TakesTheMovedItemOutOnce()
    {
        // A reply in the team stops after its item is written; ten minutes on, the owner of the other item moves to
        // Bolsover, and before the move counts itself a repair recounts the team's October, which no longer holds it.
        var tracking = await StoreWithAReplyLeftBehindAsync(Item("occ-1", 7, ChesterfieldTeam1, new DateOnly(2026, 10, 20)), Item("occ-2", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 22)));
        var moved = Chart.Find(Id(6))! with { Areas = [BolsoverTeam1] };
        Assert.Equal(1, await tracking.TransferAsync(new ItemTransfer(TransferKind.MoveWithOwner, Id(6), ChesterfieldTeam1, moved, TestItems.CreatedAt.AddMinutes(10), Actor.System("import"), TestItems.Origin)));

        Assert.Null(tracking.FaultPoint);
        var month = new ReportMonth(2026, 10);
        var team = Assert.Single(await _storage.Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal((1, 0, 1), (team.Due, team.OpenTotal, team.OnTime));
        var bolsover = Assert.Single(await _storage.Compliance.GetCellsAsync(BolsoverTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal((1, 1, 0), (bolsover.Due, bolsover.OpenTotal, bolsover.OnTime));
        Assert.Empty(await _storage.Compliance.GetOpenAsync(ChesterfieldTeam1));
        Assert.Equal(1, Assert.Single(await _storage.Compliance.GetOpenAsync(BolsoverTeam1)).Total);
        Assert.Equal(0, await tracking.RepairAsync(TimeSpan.Zero));
    }

    /// <summary>
    /// A store on a clock of its own holding both items, where a reply marking <paramref name="left"/> done stopped after
    /// its item was written; ten minutes later, the next write to reach its cells first runs a repair (which takes the
    /// stopped reply's marker, five minutes old, and no newer one).
    /// </summary>
    private async Task<TableTrackingStore> StoreWithAReplyLeftBehindAsync(TrackedItem left, TrackedItem other)
    {
        var time = new FakeTimeProvider(TestItems.CreatedAt);
        var tracking = new TableTrackingStore(_storage.Tables, time, NullLogger<TableTrackingStore>.Instance);
        await tracking.AddIfAbsentAsync([left, other], TestItems.Origin);
        tracking.FaultPoint = p => p == "after-item-write" ? throw new IOException("the process stopped") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => tracking.UpdateAsync(left.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 19)))));
        time.Advance(TimeSpan.FromMinutes(10));
        tracking.FaultPoint = async p =>
        {
            if (p == "before-compliance")
            {
                tracking.FaultPoint = null;
                Assert.Equal(1, await tracking.RepairAsync(TimeSpan.FromMinutes(5)));
            }
        };
        return tracking;
    }

    /// <summary>Adds October's supervision and marks it done on time, doing <paramref name="meanwhile"/> when the write reaches <paramref name="point"/>.</summary>
    private async Task ReplyOnTimeStallingAtAsync(string point, Func<Task> meanwhile)
    {
        var october = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 20));
        await _storage.Tracking.AddIfAbsentAsync([october], TestItems.Origin);
        _storage.Tracking.FaultPoint = p => p == point ? meanwhile() : Task.CompletedTask;

        var result = await _storage.Tracking.UpdateAsync(october.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 19))));
        _storage.Tracking.FaultPoint = null;

        Assert.Equal(ItemUpdateStatus.Updated, result.Status);
    }

    private async Task AssertOnTimeOnceAsync()
    {
        var month = new ReportMonth(2026, 10);
        var counts = Assert.Single(await _storage.Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal((1, 0, 1), (counts.Due, counts.OpenTotal, counts.OnTime));
        Assert.Empty(await _storage.Compliance.GetOpenAsync(ChesterfieldTeam1));
    }

    [Fact]
    public async Task RepairAsync_AMarkerAnEarlierReleaseLeftInTheOutstandingTable_PutsTheItemRightAndDeletesIt()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        await _storage.Tables.Outstanding.DeleteEntityAsync(item.Area.Value + ".", "2026-11-10|occ-1");
        await _storage.Tables.Compliance.DeleteEntityAsync(item.Area.Value + ".", "2026-11");
        // As an earlier release wrote it: in the Outstanding table's own partition, keyed by time alone, naming the cell.
        var legacy = new TableEntity(IndexMarkers.LegacyPartition, $"{TestItems.CreatedAt.UtcTicks:D19}|{Guid.NewGuid():N}")
        {
            ["CreatedAt"] = TestItems.CreatedAt,
            ["Entries"] = $$"""[{"area":"{{item.Area.Value}}","occurrence":"occ-1","oldArea":null,"oldDue":null,"cells":["{{item.Area.Value}}|2026-11"]}]""",
        };
        await _storage.Tables.Outstanding.AddEntityAsync(legacy);

        Assert.Equal(1, await _storage.Tracking.RepairAsync(TimeSpan.Zero));

        Assert.Single(await _storage.Tracking.GetOutstandingAsync(ChesterfieldTeam1, AsOf));
        var month = new ReportMonth(2026, 11);
        Assert.Equal(1, Assert.Single(await _storage.Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")].OpenTotal);
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task RepairAsync_StoppedAfterAddingItemsBeforeCountingThem_CountsThemOnce()
    {
        var items = new[] { Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 20)), Item("occ-2", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 3)) };
        _storage.Tracking.FaultPoint = p => p == "before-compliance" ? throw new IOException("the process stopped") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin));
        _storage.Tracking.FaultPoint = null;
        Assert.Empty(await _storage.Compliance.GetCellsAsync(Department, new ReportMonth(2026, 10), new ReportMonth(2026, 11)));

        await _storage.Tracking.RepairAsync(TimeSpan.Zero);
        await _storage.Tracking.RepairAsync(TimeSpan.Zero);
        await _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin);

        var cells = await _storage.Compliance.GetCellsAsync(Department, new ReportMonth(2026, 10), new ReportMonth(2026, 11));
        Assert.Equal([1, 1], cells.OrderBy(c => c.Month).Select(c => c.Duties[new("supervision")].Due));
    }

    [Fact]
    public async Task UpdateAsync_TransactionFailsPartWay_WritesNothingAtAll()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        // A row already sitting where the change's audit entry goes makes the last action of the transaction fail.
        await _storage.Tables.Items.AddEntityAsync(new TableEntity(item.Area.Value + ".", "a|occ-1|000002") { ["Kind"] = "audit" });

        var result = await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 11, 9))));

        Assert.Equal(ItemUpdateStatus.Conflict, result.Status);
        var stored = (await _storage.Tracking.GetAsync(item.Key))!;
        Assert.Equal(ItemStatus.Open, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.Single(await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!));
        Assert.Single(await _storage.Tracking.GetOutstandingAsync(ChesterfieldTeam1, AsOf));
        Assert.Empty(await _storage.Tracking.GetRepliesAsync(item.Key));
    }

    [Fact]
    public async Task RepairAsync_ProcessStoppedBetweenTheItemAndItsIndex_PutsTheIndexRight()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        _storage.Tracking.FaultPoint = point => point == "after-item-write" ? throw new IOException("the process stopped") : Task.CompletedTask;

        await Assert.ThrowsAsync<IOException>(() => _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 11, 9)))));
        _storage.Tracking.FaultPoint = null;

        Assert.Equal(ItemStatus.Done, (await _storage.Tracking.GetAsync(item.Key))!.Status);
        Assert.Single(await _storage.Tracking.GetOutstandingAsync(Department, AsOf));
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.FromMinutes(5)));

        var repaired = await _storage.Tracking.RepairAsync(TimeSpan.Zero);

        Assert.Equal(1, repaired);
        Assert.Empty(await _storage.Tracking.GetOutstandingAsync(Department, AsOf));
        Assert.Empty(await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!));
        Assert.Equal(0, await _storage.Tracking.RepairAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task RepairAsync_AReplyLandsBetweenTheRepairsReadAndItsWrites_LeavesNoRowOrReminderOfTheOpenItem()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        _storage.Tracking.FaultPoint = point => point == "after-item-write" ? throw new IOException("the process stopped") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Nudge(i, new ItemNudge(i.Id, Id(4), TestItems.CreatedAt, TestItems.Origin))));

        // The repair reads the nudged item, still open; before it writes the item's index row, the owner's reply closes
        // the item and removes its row and reminder.
        _storage.Tracking.FaultPoint = async point =>
        {
            if (point == "repair-read")
            {
                _storage.Tracking.FaultPoint = null;
                await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 11, 9))));
            }
        };
        Assert.Equal(1, await _storage.Tracking.RepairAsync(TimeSpan.Zero));

        Assert.Null(_storage.Tracking.FaultPoint);
        Assert.Equal(ItemStatus.Done, (await _storage.Tracking.GetAsync(item.Key))!.Status);
        Assert.Empty(await _storage.Tracking.GetOutstandingAsync(Department, AsOf));
        Assert.Empty(_storage.Tables.Reminders.Query<TableEntity>());
        var month = new ReportMonth(2026, 11);
        var counts = Assert.Single(await _storage.Compliance.GetCellsAsync(ChesterfieldTeam1, month, month)).Duties[new("supervision")];
        Assert.Equal((1, 0, 1), (counts.Due, counts.OpenTotal, counts.OnTime));
    }

    [Fact]
    public async Task RepairAsync_StoppedMidReschedule_RemovesTheOldIndexRowAndWritesTheNewOne()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        _storage.Tracking.FaultPoint = point => point == "after-item-write" ? throw new IOException("the process stopped") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2026, 12, 1)))));
        _storage.Tracking.FaultPoint = null;

        await _storage.Tracking.RepairAsync(TimeSpan.Zero);

        Assert.Empty(await _storage.Tracking.GetOutstandingAsync(Department, AsOf));
        Assert.Equal(new DateOnly(2026, 12, 1), Assert.Single(await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!)).EffectiveDue);
    }
}
