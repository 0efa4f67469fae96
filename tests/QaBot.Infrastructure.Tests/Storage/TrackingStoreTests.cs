using Azure.Data.Tables;
using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

public sealed class TrackingStoreTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 20);
    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    private static TrackedItem Item(string id, int owner, AreaId area, DateOnly due) => TestItems.Open(id, Id(owner), area, due);

    [Fact]
    public async Task AddIfAbsentAsync_SameItemsTwice_StoresEachOnceWithOneCreatedEntry()
    {
        var items = new[] { Item("occ-1", 6, ChesterfieldTeam1, AsOf), Item("occ-2", 6, ChesterfieldTeam1, AsOf.AddDays(7)) };

        var first = await _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin);
        var second = await _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin);

        Assert.Equal(2, first);
        Assert.Equal(0, second);
        var audit = await _storage.Tracking.GetAuditTrailAsync(items[0].Key);
        Assert.Equal("created", Assert.Single(audit).Action);
        Assert.Equal(2, (await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!)).Count);
    }

    [Fact]
    public async Task AddIfAbsentAsync_BatchWithOneExistingItem_AddsTheOthers()
    {
        await _storage.Tracking.AddIfAbsentAsync([Item("occ-2", 6, ChesterfieldTeam1, AsOf)], TestItems.Origin);

        var added = await _storage.Tracking.AddIfAbsentAsync(
            [Item("occ-1", 6, ChesterfieldTeam1, AsOf), Item("occ-2", 6, ChesterfieldTeam1, AsOf), Item("occ-3", 6, ChesterfieldTeam1, AsOf)],
            TestItems.Origin);

        Assert.Equal(2, added);
        Assert.Equal(3, (await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!)).Count);
    }

    [Fact]
    public async Task AddIfAbsentAsync_ItemDoneSinceItWasAdded_PlansNoReminderAgain()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, AsOf);
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, AsOf.AddDays(-1))));

        Assert.Equal(0, await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin));

        Assert.Empty(await _storage.Tracking.GetDueForReminderAsync(TestItems.CreatedAt, TestItems.CreatedAt.AddDays(200)));
    }

    [Fact]
    public async Task AddIfAbsentAsync_ItemRescheduledSinceItWasAdded_KeepsOnlyTheNewReminder()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, AsOf);
        var moved = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2026, 12, 1)), [moved]));

        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);

        Assert.Equal([moved], (await _storage.Tracking.GetDueForReminderAsync(TestItems.CreatedAt, TestItems.CreatedAt.AddDays(200))).Select(r => r.RemindAt));
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

    [Fact]
    public async Task UpdateAsync_SomeoneElseWritesInBetween_RetriesOnFreshStateAndKeepsBothWrites()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        var calls = 0;

        var result = await _storage.Tracking.UpdateAsync(item.Key, current =>
        {
            calls++;
            if (calls == 1)
            {
                // A manager nudges the item after we read it and before we write: our write now carries a stale ETag.
                var nudged = _storage.Tracking.UpdateAsync(item.Key, fresh => ItemTransitions.Nudge(fresh, new ItemNudge(fresh.Id, Id(4), TestItems.CreatedAt.AddDays(2), TestItems.Origin))).GetAwaiter().GetResult();
                Assert.Equal(ItemUpdateStatus.Updated, nudged.Status);
            }

            return ItemTransitions.Reply(current, TestItems.Reply(current, ReplyKind.Done, new DateOnly(2026, 11, 9)));
        });

        Assert.Equal(2, calls);
        Assert.Equal(ItemUpdateStatus.Updated, result.Status);
        var stored = (await _storage.Tracking.GetAsync(item.Key))!;
        Assert.Equal(ItemStatus.Done, stored.Status);
        Assert.Equal(1, stored.NudgeCount);
        Assert.Equal(3, stored.Version);
        Assert.Equal(["created", "nudged", "done"], (await _storage.Tracking.GetAuditTrailAsync(item.Key)).Select(a => a.Action));
        Assert.Single(await _storage.Tracking.GetNudgesAsync(item.Key));
        Assert.Single(await _storage.Tracking.GetRepliesAsync(item.Key));
    }

    [Fact]
    public async Task UpdateAsync_ManyConcurrentNudges_LosesNone()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => _storage.Tracking.UpdateAsync(
            item.Key,
            fresh => ItemTransitions.Nudge(fresh, new ItemNudge(fresh.Id, Id(4), TestItems.CreatedAt.AddMinutes(n), TestItems.Origin)))));

        Assert.All(results, r => Assert.Equal(ItemUpdateStatus.Updated, r.Status));
        Assert.Equal(4, (await _storage.Tracking.GetAsync(item.Key))!.NudgeCount);
        Assert.Equal(4, (await _storage.Tracking.GetNudgesAsync(item.Key)).Count);
    }

    [Fact]
    public async Task UpdateAsync_SameReplyTwice_SecondIsUnchanged()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        var reply = TestItems.Reply(item, ReplyKind.Done, new DateOnly(2026, 11, 9));

        var first = await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, reply));
        var second = await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, reply));

        Assert.Equal(ItemUpdateStatus.Updated, first.Status);
        Assert.Equal(ItemUpdateStatus.Unchanged, second.Status);
        Assert.Single(await _storage.Tracking.GetRepliesAsync(item.Key));
        Assert.Empty(await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!));
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

    [Fact]
    public async Task UpdateAsync_MissingItem_IsNotFound() =>
        Assert.Equal(ItemUpdateStatus.NotFound, (await _storage.Tracking.UpdateAsync(new ItemKey(ChesterfieldTeam1, new OccurrenceId("nope")), _ => null)).Status);

    [Fact]
    public async Task GetOutstandingAsync_Area_ReturnsExactlyTheOutstandingItemsOfItsSubtreeDueBeforeTheDate()
    {
        var team10 = Chesterfield.Child("Team 10");
        var early = new DateOnly(2026, 11, 1);
        var expected = new[]
        {
            Item("in-team-1", 6, ChesterfieldTeam1, early),
            Item("in-team-2", 7, ChesterfieldTeam2, early),
            Item("in-locality", 3, Chesterfield, early.AddDays(5)),
            Item("in-team-10", 8, team10, early),
        };
        var others = new[]
        {
            Item("other-locality", 8, BolsoverTeam1, early),
            Item("other-division", 12, SendTeam, early),
            Item("service-above", 3, SocialCare, early),
            Item("due-today", 6, ChesterfieldTeam1, AsOf),
            Item("due-later", 6, ChesterfieldTeam1, AsOf.AddDays(3)),
            Item("done", 6, ChesterfieldTeam1, early),
        };
        await _storage.Tracking.AddIfAbsentAsync([.. expected, .. others], TestItems.Origin);
        var done = others[^1];
        await _storage.Tracking.UpdateAsync(done.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, early)));

        var overdue = await _storage.Tracking.GetOutstandingAsync(Chesterfield, AsOf);

        Assert.Equal(expected.Select(i => i.Id.Value).Order(), overdue.Select(i => i.Id.Value).Order());
        Assert.All(overdue, i => Assert.True(i.IsOutstanding && i.EffectiveDue < AsOf));
        var team1 = await _storage.Tracking.GetOutstandingAsync(ChesterfieldTeam1, AsOf);
        Assert.Equal(["in-team-1"], team1.Select(i => i.Id.Value));
    }

    [Fact]
    public async Task GetOutstandingAsync_RescheduledItem_CountsFromItsNewDate()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);

        await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2026, 12, 1))));

        Assert.Empty(await _storage.Tracking.GetOutstandingAsync(Department, AsOf));
        var later = Assert.Single(await _storage.Tracking.GetOutstandingAsync(Department, new DateOnly(2026, 12, 2)));
        Assert.Equal(ItemStatus.Rescheduled, later.Status);
        Assert.Single(await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!));
    }

    [Fact]
    public async Task GetOpenItemsAsync_Person_ReturnsOnlyTheirOutstandingItemsEarliestFirst()
    {
        await _storage.Tracking.AddIfAbsentAsync(
            [
                Item("late", 6, ChesterfieldTeam1, new DateOnly(2026, 12, 1)),
                Item("early", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1)),
                Item("colleague", 7, ChesterfieldTeam1, new DateOnly(2026, 11, 1)),
                Item("closed", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 2)),
            ],
            TestItems.Origin);
        await _storage.Tracking.UpdateAsync(new ItemKey(ChesterfieldTeam1, new OccurrenceId("closed")), i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.NotApplicable, null)));

        var open = await _storage.Tracking.GetOpenItemsAsync(Chart.Find(Id(6))!);

        Assert.Equal(["early", "late"], open.Select(i => i.Id.Value));
    }

    [Fact]
    public async Task GetDueForReminderAsync_Window_ReturnsRemindersInsideItOnly()
    {
        var items = new[]
        {
            Item("a", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 20)),
            Item("b", 7, ChesterfieldTeam1, new DateOnly(2026, 11, 21)),
            Item("c", 8, BolsoverTeam1, new DateOnly(2026, 11, 23)),
        };
        await _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin);

        var due = await _storage.Tracking.GetDueForReminderAsync(
            new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(["b", "c"], due.Select(d => d.Item.Id.Value));
        Assert.Equal(BolsoverTeam1, due[1].Item.Area);
        Assert.Equal(Id(8), due[1].Owner);
    }

    [Fact]
    public async Task UpdateAsync_Reschedule_ReplacesThePlannedReminder()
    {
        var item = Item("a", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 20));
        await _storage.Tracking.AddIfAbsentAsync([item], TestItems.Origin);
        var newReminder = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        await _storage.Tracking.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2026, 12, 1)), [newReminder]));

        var window = await _storage.Tracking.GetDueForReminderAsync(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(newReminder, Assert.Single(window).RemindAt);
    }

    [Fact]
    public async Task TransferAsync_LeaverToManager_MovesOnlyOutstandingItemsFlaggedWithTheirHistory()
    {
        var open = Item("open", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1));
        var done = Item("done", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 1));
        await _storage.Tracking.AddIfAbsentAsync([open, done], TestItems.Origin);
        await _storage.Tracking.UpdateAsync(done.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 1))));
        await _storage.Tracking.UpdateAsync(open.Key, i => ItemTransitions.Nudge(i, new ItemNudge(i.Id, Id(4), TestItems.CreatedAt, TestItems.Origin)));
        var manager = Chart.Find(Id(3))!;

        var moved = await _storage.Tracking.TransferAsync(new ItemTransfer(TransferKind.ReassignOutstanding, Id(6), ChesterfieldTeam1, manager, TestItems.CreatedAt.AddDays(1), Actor.System("import"), TestItems.Origin));
        var again = await _storage.Tracking.TransferAsync(new ItemTransfer(TransferKind.ReassignOutstanding, Id(6), ChesterfieldTeam1, manager, TestItems.CreatedAt.AddDays(1), Actor.System("import"), TestItems.Origin));

        Assert.Equal(1, moved);
        Assert.Equal(0, again);
        var managersItem = Assert.Single(await _storage.Tracking.GetOpenItemsAsync(manager));
        Assert.Equal(Id(6), managersItem.ReassignedFrom);
        Assert.Equal(SocialCare, managersItem.Area);
        Assert.Equal(["created", "nudged", "reassigned"], (await _storage.Tracking.GetAuditTrailAsync(managersItem.Key)).Select(a => a.Action));
        Assert.Single(await _storage.Tracking.GetNudgesAsync(managersItem.Key));
        Assert.Null(await _storage.Tracking.GetAsync(open.Key));
        Assert.NotNull(await _storage.Tracking.GetAsync(done.Key));
        Assert.Empty(await _storage.Tracking.GetOutstandingAsync(ChesterfieldTeam1, AsOf));
        Assert.Single(await _storage.Tracking.GetOutstandingAsync(SocialCare, AsOf));
    }

    [Fact]
    public async Task TransferAsync_OwnerMovesArea_TakesAllTheirItemsAndLeavesColleaguesItems()
    {
        await _storage.Tracking.AddIfAbsentAsync(
            [Item("mine-open", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1)), Item("mine-done", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 1)), Item("colleague", 7, ChesterfieldTeam1, new DateOnly(2026, 11, 1))],
            TestItems.Origin);
        await _storage.Tracking.UpdateAsync(new ItemKey(ChesterfieldTeam1, new OccurrenceId("mine-done")), i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 1))));
        var moved = Chart.Find(Id(6))! with { Areas = [BolsoverTeam1] };

        var count = await _storage.Tracking.TransferAsync(new ItemTransfer(TransferKind.MoveWithOwner, Id(6), ChesterfieldTeam1, moved, TestItems.CreatedAt.AddDays(1), Actor.System("import"), TestItems.Origin));

        Assert.Equal(2, count);
        Assert.Equal(["mine-open"], (await _storage.Tracking.GetOpenItemsAsync(moved)).Select(i => i.Id.Value));
        var history = await _storage.Tracking.GetRepliesAsync(new ItemKey(BolsoverTeam1, new OccurrenceId("mine-done")));
        Assert.Equal(ReplyKind.Done, Assert.Single(history).Kind);
        Assert.Equal(["colleague"], (await _storage.Tracking.GetOutstandingAsync(Chesterfield, AsOf)).Select(i => i.Id.Value));
    }
}
