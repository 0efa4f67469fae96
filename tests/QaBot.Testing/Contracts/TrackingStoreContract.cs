using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using Xunit;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Testing.Contracts;

/// <summary>
/// What every <see cref="ITrackingStore"/> must do, run against the table store on Azurite and the in-memory store, so
/// that use-case tests on the in-memory store prove what they claim. A derived class supplies a fresh, empty store
/// for each test.
/// </summary>
public abstract class TrackingStoreContract : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 20);
    private static readonly DateTimeOffset WindowStart = TestItems.CreatedAt;
    private static readonly DateTimeOffset WindowEnd = TestItems.CreatedAt.AddDays(200);

    protected abstract ITrackingStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static TrackedItem Item(string id, int owner, AreaId area, DateOnly due, string duty = "supervision") => TestItems.Open(id, Id(owner), area, due, duty);

    private static Person Person(int n) => Chart.Find(Id(n))!;

    private static ItemChange? Done(TrackedItem item, DateOnly on, string replyId = "reply-1") =>
        ItemTransitions.Reply(item, TestItems.Reply(item, ReplyKind.Done, on, replyId));

    private static ItemChange Nudge(TrackedItem item, int minutes = 0) =>
        ItemTransitions.Nudge(item, new ItemNudge(item.Id, Id(4), TestItems.CreatedAt.AddDays(2).AddMinutes(minutes), TestItems.Origin));

    [Fact]
    public async Task AddIfAbsentAsync_SameItemsTwice_StoresEachOnceWithOneCreatedEntry()
    {
        var items = new[] { Item("occ-1", 6, ChesterfieldTeam1, AsOf), Item("occ-2", 6, ChesterfieldTeam1, AsOf.AddDays(7)) };

        var first = await Store.AddIfAbsentAsync(items, TestItems.Origin);
        var second = await Store.AddIfAbsentAsync(items, TestItems.Origin);

        Assert.Equal(2, first);
        Assert.Equal(0, second);
        var created = Assert.Single(await Store.GetAuditTrailAsync(items[0].Key));
        Assert.Equal(("created", "item:occ-1", TestItems.Origin), (created.Action, created.Subject, created.Origin));
        Assert.Equal(2, (await Store.GetOpenItemsAsync(Person(6))).Count);
        Assert.True(items[0].SameAs((await Store.GetAsync(items[0].Key))!));
    }

    [Fact]
    public async Task AddIfAbsentAsync_BatchWithOneExistingItem_AddsTheOthers()
    {
        await Store.AddIfAbsentAsync([Item("occ-2", 6, ChesterfieldTeam1, AsOf)], TestItems.Origin);

        var added = await Store.AddIfAbsentAsync(
            [Item("occ-1", 6, ChesterfieldTeam1, AsOf), Item("occ-2", 6, ChesterfieldTeam1, AsOf), Item("occ-3", 6, ChesterfieldTeam1, AsOf)],
            TestItems.Origin);

        Assert.Equal(2, added);
        Assert.Equal(3, (await Store.GetOpenItemsAsync(Person(6))).Count);
    }

    [Fact]
    public async Task AddIfAbsentAsync_ItemWithHistory_StoresItsCurrentStateAndEveryChange()
    {
        var created = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 1));
        var nudged = Nudge(created);
        var done = Done(nudged.After, new DateOnly(2026, 10, 2))!;

        Assert.Equal(1, await Store.AddIfAbsentAsync([new NewItem(created, [nudged, done])], TestItems.Origin));

        var stored = (await Store.GetAsync(created.Key))!;
        Assert.Equal((ItemStatus.Done, 3, 1), (stored.Status, stored.Version, stored.NudgeCount));
        Assert.Equal(["created", "nudged", "done"], (await Store.GetAuditTrailAsync(created.Key)).Select(a => a.Action));
        Assert.Equal("reply-1", Assert.Single(await Store.GetRepliesAsync(created.Key)).ReplyId);
        Assert.Single(await Store.GetNudgesAsync(created.Key));
        Assert.Empty(await Store.GetOpenItemsAsync(Person(6)));
        Assert.Empty(await Store.GetDueForReminderAsync(WindowStart, WindowEnd));
    }

    [Fact]
    public async Task AddIfAbsentAsync_HistoryThatSkipsAVersion_ThrowsAndStoresNothing()
    {
        var created = Item("occ-1", 6, ChesterfieldTeam1, AsOf);
        var skipped = Nudge(created) with { After = Nudge(created).After with { Version = 3 } };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AddIfAbsentAsync([new NewItem(created, [skipped])], TestItems.Origin));

        Assert.Null(await Store.GetAsync(created.Key));
    }

    [Fact]
    public async Task AddIfAbsentAsync_ItemDoneSinceItWasAdded_PlansNoReminderAgain()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, AsOf);
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        await Store.UpdateAsync(item.Key, i => Done(i, AsOf.AddDays(-1)));

        Assert.Equal(0, await Store.AddIfAbsentAsync([item], TestItems.Origin));

        Assert.Empty(await Store.GetDueForReminderAsync(WindowStart, WindowEnd));
        Assert.Equal(ItemStatus.Done, (await Store.GetAsync(item.Key))!.Status);
    }

    [Fact]
    public async Task AddIfAbsentAsync_ItemRescheduledSinceItWasAdded_KeepsOnlyTheNewReminder()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, AsOf);
        var moved = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        await Store.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2026, 12, 1)), [moved]));

        await Store.AddIfAbsentAsync([item], TestItems.Origin);

        Assert.Equal([moved], (await Store.GetDueForReminderAsync(WindowStart, WindowEnd)).Select(r => r.RemindAt));
    }

    [Fact]
    public async Task UpdateAsync_SomeoneElseWritesInBetween_RetriesOnFreshStateAndKeepsBothWrites()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        var calls = 0;

        var result = await Store.UpdateAsync(item.Key, current =>
        {
            calls++;
            if (calls == 1)
            {
                // A manager nudges the item after we read it and before we write: our write is now against a stale version.
                var nudged = Store.UpdateAsync(item.Key, fresh => Nudge(fresh)).GetAwaiter().GetResult();
                Assert.Equal(ItemUpdateStatus.Updated, nudged.Status);
            }

            return Done(current, new DateOnly(2026, 11, 9));
        });

        Assert.Equal(2, calls);
        Assert.Equal(ItemUpdateStatus.Updated, result.Status);
        var stored = (await Store.GetAsync(item.Key))!;
        Assert.True(stored.SameAs(result.Item!));
        Assert.Equal((ItemStatus.Done, 1, 3), (stored.Status, stored.NudgeCount, stored.Version));
        Assert.Equal(["created", "nudged", "done"], (await Store.GetAuditTrailAsync(item.Key)).Select(a => a.Action));
        Assert.Single(await Store.GetNudgesAsync(item.Key));
        Assert.Single(await Store.GetRepliesAsync(item.Key));
    }

    [Fact]
    public async Task UpdateAsync_TwoGuardedNudgesAtOnce_ExactlyOneIsApplied()
    {
        // How a nudge is reserved before it is sent: a change that applies only while the item has not been nudged.
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        using var bothComputed = new Barrier(2);

        Task<ItemUpdateResult> Reserve(int minutes)
        {
            var first = true;
            return Task.Run(() => Store.UpdateAsync(item.Key, current =>
            {
                if (current.NudgeCount > 0)
                {
                    return null;
                }

                if (first)
                {
                    // Both presses work out their change from the same version before either writes.
                    first = false;
                    Assert.True(bothComputed.SignalAndWait(TimeSpan.FromSeconds(30)));
                }

                return Nudge(current, minutes);
            }));
        }

        var results = await Task.WhenAll(Reserve(1), Reserve(2));

        Assert.Equal([ItemUpdateStatus.Updated, ItemUpdateStatus.Unchanged], results.Select(r => r.Status).Order());
        var stored = (await Store.GetAsync(item.Key))!;
        Assert.Equal((1, 2), (stored.NudgeCount, stored.Version));
        Assert.Single(await Store.GetNudgesAsync(item.Key));
        Assert.Equal(["created", "nudged"], (await Store.GetAuditTrailAsync(item.Key)).Select(a => a.Action));
    }

    [Fact]
    public async Task UpdateAsync_SomeoneElseWritesBeforeEveryAttempt_IsAConflictAndOverwritesNothing()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        var calls = 0;

        var result = await Store.UpdateAsync(item.Key, current =>
        {
            calls++;
            Assert.Equal(ItemUpdateStatus.Updated, Store.UpdateAsync(item.Key, fresh => Nudge(fresh, calls)).GetAwaiter().GetResult().Status);
            return Done(current, new DateOnly(2026, 11, 9));
        });

        Assert.Equal(ItemUpdateStatus.Conflict, result.Status);
        Assert.True(calls > 1);
        var stored = (await Store.GetAsync(item.Key))!;
        Assert.Equal((ItemStatus.Open, calls), (stored.Status, stored.NudgeCount));
        Assert.Empty(await Store.GetRepliesAsync(item.Key));
        Assert.Single(await Store.GetOpenItemsAsync(Person(6)));
    }

    [Fact]
    public async Task UpdateAsync_ItemMovedAwayBetweenReadAndWrite_IsNotFound()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        var movedOwner = Person(6) with { Areas = [BolsoverTeam1] };

        var result = await Store.UpdateAsync(item.Key, current =>
        {
            Store.TransferAsync(new ItemTransfer(TransferKind.MoveWithOwner, Id(6), ChesterfieldTeam1, movedOwner, TestItems.CreatedAt.AddDays(1), Actor.System("import"), TestItems.Origin)).GetAwaiter().GetResult();
            return Done(current, new DateOnly(2026, 11, 9));
        });

        Assert.Equal(ItemUpdateStatus.NotFound, result.Status);
        Assert.Equal(ItemStatus.Open, (await Store.GetAsync(new ItemKey(BolsoverTeam1, item.Id)))!.Status);
    }

    [Fact]
    public async Task UpdateAsync_ManyConcurrentNudges_LosesNone()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Store.UpdateAsync(item.Key, fresh => Nudge(fresh, n))));

        Assert.All(results, r => Assert.Equal(ItemUpdateStatus.Updated, r.Status));
        Assert.Equal(4, (await Store.GetAsync(item.Key))!.NudgeCount);
        Assert.Equal(4, (await Store.GetNudgesAsync(item.Key)).Count);
    }

    [Fact]
    public async Task UpdateAsync_SameReplyTwice_SecondIsUnchanged()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        var reply = TestItems.Reply(item, ReplyKind.Done, new DateOnly(2026, 11, 9));

        var first = await Store.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, reply));
        var second = await Store.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, reply));

        Assert.Equal(ItemUpdateStatus.Updated, first.Status);
        Assert.Equal(ItemUpdateStatus.Unchanged, second.Status);
        Assert.Equal(2, second.Item!.Version);
        Assert.Single(await Store.GetRepliesAsync(item.Key));
        Assert.Empty(await Store.GetOpenItemsAsync(Person(6)));
    }

    [Fact]
    public async Task UpdateAsync_ChangeThatMovesTheItem_ThrowsAndWritesNothing()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 10));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdateAsync(item.Key, i => Nudge(i) with { After = Nudge(i).After with { Area = BolsoverTeam1 } }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdateAsync(item.Key, i => Nudge(i) with { After = Nudge(i).After with { Version = 5 } }));

        Assert.Equal(1, (await Store.GetAsync(item.Key))!.Version);
    }

    [Fact]
    public async Task UpdateAsync_MissingItem_IsNotFound() =>
        Assert.Equal(ItemUpdateStatus.NotFound, (await Store.UpdateAsync(new ItemKey(ChesterfieldTeam1, new OccurrenceId("nope")), _ => null)).Status);

    [Fact]
    public async Task UpdateAsync_Reschedule_ReplacesThePlannedReminder()
    {
        var item = Item("a", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 20));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        var newReminder = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        await Store.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2026, 12, 1)), [newReminder]));

        var due = Assert.Single(await Store.GetDueForReminderAsync(WindowStart, WindowEnd));
        Assert.Equal((newReminder, item.Key, Id(6)), (due.RemindAt, due.Item, due.Owner));
    }

    [Fact]
    public async Task UpdateAsync_ApprovalRequestedThenDeclined_KeepsTheRequestAndAnswerOnTheItemAndInItsOutstandingReads()
    {
        var item = Item("a", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 20));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);
        var at = TestItems.CreatedAt.AddDays(1);
        var request = new RescheduleApproval("approval.a.v1", new DateOnly(2027, 1, 15), "Long-term sick", Id(6), at, Id(4), 0, ApprovalState.Pending);

        await Store.UpdateAsync(item.Key, i => ItemTransitions.RequestApproval(i, request, TestItems.Origin));
        var waiting = (await Store.GetAsync(item.Key))!;
        await Store.UpdateAsync(item.Key, i => ItemTransitions.Decline(i, Id(4), at.AddHours(2), "Needed first", TestItems.Origin));

        Assert.Equal(request with { CardVersion = 2 }, waiting.Approval);
        Assert.False(Assert.Single(await Store.GetOpenItemsAsync(Person(6))).IsAwaitingApproval);
        var declined = (await Store.GetAsync(item.Key))!;
        Assert.Equal(request with { CardVersion = 2, State = ApprovalState.Declined, DecidedBy = Id(4), DecidedAt = at.AddHours(2), DecisionNote = "Needed first" }, declined.Approval);
        Assert.Equal(declined.Approval, Assert.Single(await Store.GetOutstandingAsync(Department, new DateOnly(2026, 12, 31))).Approval);
        Assert.Equal(["created", "reschedule-requested", "reschedule-declined"], (await Store.GetAuditTrailAsync(item.Key)).Select(a => a.Action));
    }

    [Fact]
    public async Task UpdateAsync_Superseded_KeepsTheReasonAndTakesItOutOfEveryOutstandingRead()
    {
        var item = Item("a", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 20));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);

        await Store.UpdateAsync(item.Key, i => ItemTransitions.Supersede(i, 2, TestItems.CreatedAt.AddDays(3), TestItems.Origin));

        var closed = (await Store.GetAsync(item.Key))!;
        Assert.Equal((ItemStatus.ClosedOther, "superseded-v2"), (closed.Status, closed.ClosedReason));
        Assert.Empty(await Store.GetOutstandingAsync(Department, new DateOnly(2027, 1, 1)));
        Assert.Empty(await Store.GetDueForReminderAsync(WindowStart, WindowEnd));
        Assert.Equal("superseded", (await Store.GetAuditTrailAsync(item.Key))[^1].Action);
    }

    [Fact]
    public async Task UpdateAsync_Done_TakesItOutOfEveryOutstandingRead()
    {
        var item = Item("a", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 2));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);

        await Store.UpdateAsync(item.Key, i => Done(i, new DateOnly(2026, 11, 1)));

        Assert.Empty(await Store.GetDueForReminderAsync(WindowStart, WindowEnd));
        Assert.Empty(await Store.GetOutstandingAsync(Department, AsOf));
        Assert.Empty(await Store.CountOutstandingAsync(Department, AsOf));
        Assert.Empty(await Store.GetOpenItemsAsync(Person(6)));
        Assert.Equal(ItemStatus.Done, (await Store.GetAsync(item.Key))!.Status);
    }

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
        await Store.AddIfAbsentAsync([.. expected, .. others], TestItems.Origin);
        await Store.UpdateAsync(others[^1].Key, i => Done(i, early));

        var overdue = await Store.GetOutstandingAsync(Chesterfield, AsOf);

        Assert.Equal(["in-team-1", "in-team-10", "in-team-2", "in-locality"], overdue.Select(i => i.Id.Value));
        Assert.Equal(["in-team-1"], (await Store.GetOutstandingAsync(ChesterfieldTeam1, AsOf)).Select(i => i.Id.Value));
    }

    [Fact]
    public async Task GetOutstandingAsync_RescheduledItem_CountsFromItsNewDate()
    {
        var item = Item("occ-1", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);

        await Store.UpdateAsync(item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2026, 12, 1))));

        Assert.Empty(await Store.GetOutstandingAsync(Department, AsOf));
        var later = Assert.Single(await Store.GetOutstandingAsync(Department, new DateOnly(2026, 12, 2)));
        Assert.Equal(ItemStatus.Rescheduled, later.Status);
        Assert.Single(await Store.GetOpenItemsAsync(Person(6)));
    }

    [Fact]
    public async Task CountOutstandingAsync_Area_CountsByChildAreaAndDutyWithTheOldestDue()
    {
        var early = new DateOnly(2026, 11, 1);
        await Store.AddIfAbsentAsync(
            [
                Item("a", 6, ChesterfieldTeam1, early),
                Item("b", 7, ChesterfieldTeam1, early.AddDays(2)),
                Item("c", 7, ChesterfieldTeam1, early, "case-audit"),
                Item("d", 8, BolsoverTeam1, early.AddDays(1)),
                Item("e", 3, SocialCare, early.AddDays(3)),
                Item("f", 12, SendTeam, early),
                Item("g", 6, ChesterfieldTeam1, AsOf),
            ],
            TestItems.Origin);

        var counts = await Store.CountOutstandingAsync(SocialCare, AsOf);

        Assert.Equal(
            [
                new AreaDutyCount(Chesterfield, new("supervision"), 2, early),
                new AreaDutyCount(Chesterfield, new("case-audit"), 1, early),
                new AreaDutyCount(Bolsover, new("supervision"), 1, early.AddDays(1)),
                new AreaDutyCount(SocialCare, new("supervision"), 1, early.AddDays(3)),
            ],
            counts);
    }

    [Fact]
    public async Task GetOpenItemsAsync_Person_ReturnsOnlyTheirOutstandingItemsEarliestFirst()
    {
        await Store.AddIfAbsentAsync(
            [
                Item("late", 6, ChesterfieldTeam1, new DateOnly(2026, 12, 1)),
                Item("early", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1)),
                Item("colleague", 7, ChesterfieldTeam1, new DateOnly(2026, 11, 1)),
                Item("closed", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 2)),
            ],
            TestItems.Origin);
        await Store.UpdateAsync(new ItemKey(ChesterfieldTeam1, new OccurrenceId("closed")), i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.NotApplicable, null)));

        var open = await Store.GetOpenItemsAsync(Person(6));

        Assert.Equal(["early", "late"], open.Select(i => i.Id.Value));
    }

    [Fact]
    public async Task GetSetAsideAsync_Area_ReturnsOnlyItsNotApplicableItemsDueFromTheDateEarliestFirst()
    {
        var from = new DateOnly(2026, 6, 1);
        await Store.AddIfAbsentAsync(
            [
                Item("set-aside-late", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 1)),
                Item("set-aside-early", 7, ChesterfieldTeam1, from),
                Item("set-aside-before", 6, ChesterfieldTeam1, from.AddDays(-1)),
                Item("done", 6, ChesterfieldTeam1, new DateOnly(2026, 9, 1)),
                Item("open", 6, ChesterfieldTeam1, new DateOnly(2026, 9, 1)),
                Item("set-aside-child-area", 8, Chesterfield.Child("Team 10"), new DateOnly(2026, 9, 1)),
                Item("set-aside-elsewhere", 8, BolsoverTeam1, new DateOnly(2026, 9, 1)),
            ],
            TestItems.Origin);
        foreach (var (area, id) in new[]
        {
            (ChesterfieldTeam1, "set-aside-late"), (ChesterfieldTeam1, "set-aside-early"), (ChesterfieldTeam1, "set-aside-before"),
            (Chesterfield.Child("Team 10"), "set-aside-child-area"), (BolsoverTeam1, "set-aside-elsewhere"),
        })
        {
            await Store.UpdateAsync(new ItemKey(area, new OccurrenceId(id)), i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.NotApplicable, null)));
        }

        await Store.UpdateAsync(new ItemKey(ChesterfieldTeam1, new OccurrenceId("done")), i => Done(i, new DateOnly(2026, 9, 1)));

        var setAside = await Store.GetSetAsideAsync(ChesterfieldTeam1, from);

        Assert.Equal(["set-aside-early", "set-aside-late"], setAside.Select(i => i.Id.Value));
        Assert.All(setAside, i => Assert.Equal(ItemStatus.NotApplicable, i.Status));
        Assert.Empty(await Store.GetSetAsideAsync(Chesterfield, from));
    }

    [Fact]
    public async Task GetDueForReminderAsync_Window_ReturnsRemindersAfterItsStartUpToItsEnd()
    {
        var items = new[]
        {
            Item("a", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 20)),
            Item("b", 7, ChesterfieldTeam1, new DateOnly(2026, 11, 21)),
            Item("c", 8, BolsoverTeam1, new DateOnly(2026, 11, 23)),
            Item("d", 8, BolsoverTeam1, new DateOnly(2026, 11, 24)),
        };
        await Store.AddIfAbsentAsync(items, TestItems.Origin);

        var due = await Store.GetDueForReminderAsync(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(["b", "c"], due.Select(d => d.Item.Id.Value));
        Assert.Equal((BolsoverTeam1, Id(8)), (due[1].Item.Area, due[1].Owner));
    }

    [Fact]
    public async Task GetDueForReminderAsync_EmptyOrBackwardsWindow_IsEmpty()
    {
        await Store.AddIfAbsentAsync([Item("a", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 20))], TestItems.Origin);
        var at = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

        Assert.Empty(await Store.GetDueForReminderAsync(at, at));
        Assert.Empty(await Store.GetDueForReminderAsync(at.AddDays(1), at.AddDays(-1)));
    }

    [Fact]
    public async Task GetDueForReminderAsync_WindowLongerThan400Days_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetDueForReminderAsync(WindowStart, WindowStart.AddDays(402)));

    [Fact]
    public async Task HistoryReads_UnknownItem_AreEmpty()
    {
        var key = new ItemKey(ChesterfieldTeam1, new OccurrenceId("nope"));

        Assert.Null(await Store.GetAsync(key));
        Assert.Empty(await Store.GetRepliesAsync(key));
        Assert.Empty(await Store.GetNudgesAsync(key));
        Assert.Empty(await Store.GetAuditTrailAsync(key));
    }

    [Fact]
    public async Task TransferAsync_LeaverToManager_MovesOnlyOutstandingItemsFlaggedWithTheirHistory()
    {
        var open = Item("open", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1));
        var done = Item("done", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 1));
        await Store.AddIfAbsentAsync([open, done], TestItems.Origin);
        await Store.UpdateAsync(done.Key, i => Done(i, new DateOnly(2026, 10, 1)));
        await Store.UpdateAsync(open.Key, i => Nudge(i));
        var manager = Person(3);
        var transfer = new ItemTransfer(TransferKind.ReassignOutstanding, Id(6), ChesterfieldTeam1, manager, TestItems.CreatedAt.AddDays(1), Actor.System("import"), TestItems.Origin);

        var moved = await Store.TransferAsync(transfer);
        var again = await Store.TransferAsync(transfer);

        Assert.Equal((1, 0), (moved, again));
        var managersItem = Assert.Single(await Store.GetOpenItemsAsync(manager));
        Assert.Equal((Id(6), SocialCare, Id(3)), (managersItem.ReassignedFrom, managersItem.Area, managersItem.Owner));
        Assert.Equal(["created", "nudged", "reassigned"], (await Store.GetAuditTrailAsync(managersItem.Key)).Select(a => a.Action));
        Assert.Single(await Store.GetNudgesAsync(managersItem.Key));
        Assert.Null(await Store.GetAsync(open.Key));
        Assert.Empty(await Store.GetNudgesAsync(open.Key));
        Assert.Equal(["created", "nudged"], (await Store.GetAuditTrailAsync(open.Key)).Select(a => a.Action));
        Assert.NotNull(await Store.GetAsync(done.Key));
        Assert.Empty(await Store.GetOutstandingAsync(ChesterfieldTeam1, AsOf));
        Assert.Single(await Store.GetOutstandingAsync(SocialCare, AsOf));
        var reminder = Assert.Single(await Store.GetDueForReminderAsync(WindowStart, WindowEnd));
        Assert.Equal((managersItem.Key, Id(3)), (reminder.Item, reminder.Owner));
    }

    [Fact]
    public async Task TransferAsync_OwnerMovesArea_TakesAllTheirItemsAndLeavesColleaguesItems()
    {
        await Store.AddIfAbsentAsync(
            [Item("mine-open", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1)), Item("mine-done", 6, ChesterfieldTeam1, new DateOnly(2026, 10, 1)), Item("colleague", 7, ChesterfieldTeam1, new DateOnly(2026, 11, 1))],
            TestItems.Origin);
        await Store.UpdateAsync(new ItemKey(ChesterfieldTeam1, new OccurrenceId("mine-done")), i => Done(i, new DateOnly(2026, 10, 1)));
        var moved = Person(6) with { Areas = [BolsoverTeam1] };

        var count = await Store.TransferAsync(new ItemTransfer(TransferKind.MoveWithOwner, Id(6), ChesterfieldTeam1, moved, TestItems.CreatedAt.AddDays(1), Actor.System("import"), TestItems.Origin));

        Assert.Equal(2, count);
        Assert.Equal(["mine-open"], (await Store.GetOpenItemsAsync(moved)).Select(i => i.Id.Value));
        var history = await Store.GetRepliesAsync(new ItemKey(BolsoverTeam1, new OccurrenceId("mine-done")));
        Assert.Equal(ReplyKind.Done, Assert.Single(history).Kind);
        Assert.Equal(["colleague"], (await Store.GetOutstandingAsync(Chesterfield, AsOf)).Select(i => i.Id.Value));
        Assert.Equal(["created", "done", "moved"], (await Store.GetAuditTrailAsync(new ItemKey(BolsoverTeam1, new OccurrenceId("mine-done")))).Select(a => a.Action));
    }

    [Fact]
    public async Task TransferAsync_ToSomeoneInTheSameArea_ChangesTheOwnerInPlace()
    {
        var item = Item("open", 6, ChesterfieldTeam1, new DateOnly(2026, 11, 1));
        await Store.AddIfAbsentAsync([item], TestItems.Origin);

        var moved = await Store.TransferAsync(new ItemTransfer(TransferKind.ReassignOutstanding, Id(6), ChesterfieldTeam1, Person(4), TestItems.CreatedAt.AddDays(1), Actor.System("import"), TestItems.Origin));

        Assert.Equal(1, moved);
        var stored = (await Store.GetAsync(item.Key))!;
        Assert.Equal((Id(4), Id(6), 2), (stored.Owner, stored.ReassignedFrom, stored.Version));
        Assert.Equal(["open"], (await Store.GetOpenItemsAsync(Person(4))).Select(i => i.Id.Value));
        Assert.Empty(await Store.GetOpenItemsAsync(Person(6)));
        Assert.Equal(Id(4), Assert.Single(await Store.GetDueForReminderAsync(WindowStart, WindowEnd)).Owner);
    }

    [Fact]
    public async Task RepairAsync_NothingLeftPartWritten_RepairsNothing()
    {
        await Store.AddIfAbsentAsync([Item("a", 6, ChesterfieldTeam1, AsOf)], TestItems.Origin);
        await Store.UpdateAsync(new ItemKey(ChesterfieldTeam1, new OccurrenceId("a")), i => Nudge(i));

        Assert.Equal(0, await Store.RepairAsync(TimeSpan.Zero));
        Assert.Single(await Store.GetOpenItemsAsync(Person(6)));
    }
}
