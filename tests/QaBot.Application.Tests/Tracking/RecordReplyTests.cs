using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Tracking;

[Trait("Category", "Fast")]
public sealed class RecordReplyTests
{
    private static readonly DateOnly Due = new(2026, 11, 19);
    private readonly Council _council = new();
    private readonly TrackedItem _item;

    public RecordReplyTests() => _item = _council.Add("occ-1", 6, Due);

    private RecordReply UseCase(InMemoryDirectoryStore? directory = null) =>
        new(_council.Tracking, directory ?? _council.Directory, Council.Catalogue, Council.Rules, NullLogger<RecordReply>.Instance);

    private static ReplyRequest Request(ReplyKind kind, DateOnly? date = null, string? note = "note", Person? by = null, ItemKey? key = null, int seen = 1) =>
        new(by ?? Council.Person(6), key ?? new ItemKey(ChesterfieldTeam1, new OccurrenceId("occ-1")), seen, kind, date, note, Council.Now, Council.Teams);

    private Task<ReplyOutcome> ReplyAsync(ReplyRequest request) => UseCase().ExecuteAsync(request, CancellationToken.None);

    private void AssertUnchanged()
    {
        Assert.Equal(1, _council.Get(_item).Version);
        Assert.Empty(_council.Tracking.GetRepliesAsync(_item.Key).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Done_NoDate_RecordsTodayWithTheNoteAndItsAudit()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.Done, note: "held on the day"));

        Assert.Equal(ReplyOutcomeKind.Recorded, outcome.Kind);
        Assert.Equal(("Person 6", ItemStatus.Done, Council.Today), (outcome.RecordedBy, outcome.Item!.Status, outcome.Item.CompletedOn));
        Assert.Equal(("item.done.occ-1.v1", "held on the day"), (outcome.Reply!.ReplyId, outcome.Reply.Note));
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.Done, 2), (stored.Status, stored.Version));
        var audit = (await _council.Tracking.GetAuditTrailAsync(_item.Key))[^1];
        Assert.Equal(("done", Actor.Person(Id(6)), Council.Teams), (audit.Action, audit.Actor, audit.Origin));
    }

    [Fact]
    public async Task Done_OnTheFirstDayOfThePeriod_IsRecorded()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.Done, _item.WindowFrom));

        Assert.Equal(ReplyOutcomeKind.Recorded, outcome.Kind);
        Assert.Equal(_item.WindowFrom, _council.Get(_item).CompletedOn);
    }

    [Fact]
    public async Task Done_DatedInTheFuture_IsInvalidAndNamesTheDate()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.Done, Council.Today.AddDays(1)));

        Assert.Equal(ReplyOutcomeKind.Invalid, outcome.Kind);
        Assert.Equal("Sat 21 Nov 2026 is in the future: choose the date it was done.", outcome.Problem);
        Assert.Equal(_item.Id, outcome.Item!.Id);
        Assert.Equal(0, _council.Tracking.WriteAttempts);
        AssertUnchanged();
    }

    [Fact]
    public async Task Done_BeforeThePeriodBegan_IsInvalidAndSaysWhenItBegan()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.Done, _item.WindowFrom.AddDays(-1)));

        Assert.Equal(ReplyOutcomeKind.Invalid, outcome.Kind);
        Assert.Equal("Wed 4 Nov 2026 is before this item's period began (Thu 5 Nov 2026): choose the date it was done for this period.", outcome.Problem);
        AssertUnchanged();
    }

    [Fact]
    public async Task Done_OnTheDayAMeetingWasBroughtForwardTo_BeforeItsPlannedDay_IsRecorded()
    {
        // A meeting planned for Fri 20 Nov (its item's first day), brought forward to Wed 18 Nov and held then.
        var meeting = _council.Add("meeting-1", 6, new DateOnly(2026, 11, 20)) with { WindowFrom = new DateOnly(2026, 11, 20), Status = ItemStatus.Rescheduled, RescheduledTo = new DateOnly(2026, 11, 18) };
        await _council.Tracking.UpdateAsync(meeting.Key, current => new ItemChange(meeting with { Version = current.Version + 1 }, new AuditEntry(Council.Now, Actor.Person(Id(6)), "rescheduled", "item", "moved", Council.Teams)));

        var held = await ReplyAsync(Request(ReplyKind.Done, new DateOnly(2026, 11, 18), key: meeting.Key, seen: 2));

        Assert.Equal(ReplyOutcomeKind.Recorded, held.Kind);
        Assert.Equal(new DateOnly(2026, 11, 18), held.Item!.CompletedOn);
    }

    [Fact]
    public async Task Reschedule_WithinThePolicy_MovesTheDueDateAndPlansItsReminders()
    {
        var newDate = new DateOnly(2026, 11, 27);

        var outcome = await ReplyAsync(Request(ReplyKind.Rescheduled, newDate, "off sick"));

        Assert.Equal(ReplyOutcomeKind.Recorded, outcome.Kind);
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.Rescheduled, newDate, "off sick"), (stored.Status, stored.RescheduledTo, stored.Note));
        Assert.Equal(Council.Rules.RemindersAfter(newDate, stored.Duty, Council.Now), stored.RemindAt);
        Assert.NotEmpty(stored.RemindAt);
        Assert.Equal(stored.RemindAt, (await _council.Tracking.GetDueForReminderAsync(Council.Now, Council.Now.AddDays(30))).Select(r => r.RemindAt));
        Assert.Equal("rescheduled", (await _council.Tracking.GetAuditTrailAsync(_item.Key))[^1].Action);
    }

    [Fact]
    public async Task Reschedule_NoDate_IsInvalidAskingForOne()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.Rescheduled, date: null, note: "off sick"));

        Assert.Equal((ReplyOutcomeKind.Invalid, "Choose the new date."), (outcome.Kind, outcome.Problem));
        AssertUnchanged();
    }

    [Fact]
    public async Task Reschedule_NoReason_IsInvalidAskingWhy()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.Rescheduled, new DateOnly(2026, 11, 27), note: null));

        Assert.Equal((ReplyOutcomeKind.Invalid, "Say why it needs to move."), (outcome.Kind, outcome.Problem));
        AssertUnchanged();
    }

    [Fact]
    public async Task Reschedule_FurtherThanThePolicyAllows_NeedsApprovalAndRecordsNothing()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.Rescheduled, new DateOnly(2027, 1, 15)));

        Assert.Equal(ReplyOutcomeKind.NeedsApproval, outcome.Kind);
        Assert.Null(outcome.Reply);
        AssertUnchanged();
    }

    [Theory]
    [InlineData(2026, 11, 24)]
    [InlineData(2026, 11, 18)]
    public async Task Reschedule_StatutoryItemToAnyDate_IsInvalidAndSaysHowItMoves(int year, int month, int day)
    {
        // A statutory deadline follows the case's events: neither later nor earlier by a reschedule.
        var statutory = _council.Add("occ-statutory", 6, Due, "iro-quality-assure-plans");

        var outcome = await ReplyAsync(Request(ReplyKind.Rescheduled, new DateOnly(year, month, day), key: statutory.Key));

        Assert.Equal(ReplyOutcomeKind.Invalid, outcome.Kind);
        Assert.Contains("Thu 19 Nov 2026 is a statutory deadline", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("an extension where the procedure allows one", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal(1, _council.Get(statutory).Version);
    }

    [Fact]
    public async Task NotApplicable_WithAReason_ClosesTheItem()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.NotApplicable, note: "child moved out of area"));

        Assert.Equal(ReplyOutcomeKind.Recorded, outcome.Kind);
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.NotApplicable, "child moved out of area", "item.notApplicable.occ-1.v1"), (stored.Status, stored.Note, stored.LastReplyId));
        Assert.Equal("not-applicable", (await _council.Tracking.GetAuditTrailAsync(_item.Key))[^1].Action);
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
    }

    [Fact]
    public async Task NotApplicable_ACouncilReasonWithoutANote_RecordedUnderItsCode()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.NotApplicable, note: null) with { ReasonCode = "leave" });

        Assert.Equal(ReplyOutcomeKind.Recorded, outcome.Kind);
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.NotApplicable, "leave"), (stored.Status, stored.NotApplicableReason));
        Assert.Equal("leave", Assert.Single(await _council.Tracking.GetRepliesAsync(_item.Key)).ReasonCode);
        Assert.EndsWith("reason leave", (await _council.Tracking.GetAuditTrailAsync(_item.Key))[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotApplicable_AnUnknownReasonCode_IsInvalidAndChangesNothing()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.NotApplicable, note: "note") with { ReasonCode = "holiday-in-spain" });

        Assert.Equal(ReplyOutcomeKind.Invalid, outcome.Kind);
        Assert.Equal("Choose one of the reasons listed.", outcome.Problem);
        AssertUnchanged();
    }

    [Fact]
    public async Task NotApplicable_OtherWithoutANote_IsInvalidAskingWhy()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.NotApplicable, note: null) with { ReasonCode = "other" });

        Assert.Equal(ReplyOutcomeKind.Invalid, outcome.Kind);
        Assert.Equal("Say why it does not apply this time.", outcome.Problem);
        AssertUnchanged();
    }

    [Fact]
    public async Task NotApplicable_NoReason_IsInvalidAskingWhy()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.NotApplicable, note: null));

        Assert.Equal((ReplyOutcomeKind.Invalid, "Say why it does not apply this time."), (outcome.Kind, outcome.Problem));
        AssertUnchanged();
    }

    [Fact]
    public async Task SamePressTwice_SecondSaysWhatWasRecordedAndChangesNothing()
    {
        await ReplyAsync(Request(ReplyKind.Done));

        var again = await ReplyAsync(Request(ReplyKind.Done));

        Assert.Equal(ReplyOutcomeKind.AlreadyRecorded, again.Kind);
        Assert.Equal(("item.done.occ-1.v1", "Person 6"), (again.Reply!.ReplyId, again.RecordedBy));
        Assert.Equal(2, _council.Get(_item).Version);
    }

    [Fact]
    public async Task PressOnAnOlderCard_ItemAlreadyClosed_IsStaleAndWritesNothing()
    {
        await ReplyAsync(Request(ReplyKind.NotApplicable, note: "not needed"));

        var late = await ReplyAsync(Request(ReplyKind.Done));

        Assert.Equal(ReplyOutcomeKind.Stale, late.Kind);
        Assert.Equal((ItemStatus.NotApplicable, 2), (late.Item!.Status, late.Item.Version));
        Assert.Single(await _council.Tracking.GetRepliesAsync(_item.Key));
    }

    [Fact]
    public async Task PressOnACardOlderThanTheItem_ItemStillOpen_IsStaleAndWritesNothing()
    {
        await ReplyAsync(Request(ReplyKind.Rescheduled, Due.AddDays(7), "on leave"));
        var audit = (await _council.Tracking.GetAuditTrailAsync(_item.Key)).Count;

        // A second card, drawn before the move, still says version 1.
        var late = await ReplyAsync(Request(ReplyKind.Done));

        Assert.Equal(ReplyOutcomeKind.Stale, late.Kind);
        Assert.Null(late.Reply);
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.Rescheduled, 2), (stored.Status, stored.Version));
        Assert.Single(await _council.Tracking.GetRepliesAsync(_item.Key));
        Assert.Equal(audit, (await _council.Tracking.GetAuditTrailAsync(_item.Key)).Count);
    }

    [Fact]
    public async Task PressOnTheRedrawnCard_IsRecorded()
    {
        await ReplyAsync(Request(ReplyKind.Rescheduled, Due.AddDays(7), "on leave"));

        var outcome = await ReplyAsync(Request(ReplyKind.Done, seen: 2));

        Assert.Equal((ReplyOutcomeKind.Recorded, 3), (outcome.Kind, outcome.Item!.Version));
    }

    [Fact]
    public async Task ClosedItemWithNoReplyOnRecord_SaysItIsAlreadyClosed()
    {
        var imported = TestItems.Open("occ-imported", Id(6), ChesterfieldTeam1, Due) with { Status = ItemStatus.Done, CompletedOn = Due };
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(imported)], TestItems.Origin);

        var outcome = await ReplyAsync(Request(ReplyKind.Done, key: imported.Key));

        Assert.Equal(ReplyOutcomeKind.AlreadyRecorded, outcome.Kind);
        Assert.Null(outcome.Reply);
        Assert.Null(outcome.RecordedBy);
    }

    [Fact]
    public async Task ClosedItemWhoseLastReplyIdIsNotOnRecord_ShowsItsLatestReply()
    {
        var created = TestItems.Open("occ-history", Id(6), ChesterfieldTeam1, Due);
        var done = ItemTransitions.Reply(created, TestItems.Reply(created, ReplyKind.Done, Due, "imported-reply"))!;
        await _council.Tracking.AddIfAbsentAsync([new NewItem(created, [done with { After = done.After with { LastReplyId = "lost" } }])], TestItems.Origin);

        var outcome = await ReplyAsync(Request(ReplyKind.Done, key: created.Key, seen: 2));

        Assert.Equal(ReplyOutcomeKind.AlreadyRecorded, outcome.Kind);
        Assert.Equal("imported-reply", outcome.Reply!.ReplyId);
    }

    [Fact]
    public async Task AlreadyRecordedBySomeoneNoLongerInTheDirectory_SaysSo()
    {
        await ReplyAsync(Request(ReplyKind.Done));

        var outcome = await UseCase(new InMemoryDirectoryStore()).ExecuteAsync(Request(ReplyKind.Done), CancellationToken.None);

        Assert.Equal((ReplyOutcomeKind.AlreadyRecorded, "someone no longer in the directory"), (outcome.Kind, outcome.RecordedBy));
    }

    [Fact]
    public async Task SomeoneElsesItem_IsRefusedAsNotYours()
    {
        var outcome = await ReplyAsync(Request(ReplyKind.Done, by: Council.Person(7)));

        Assert.Equal(ReplyOutcomeKind.NotYours, outcome.Kind);
        Assert.Null(outcome.Item);
        AssertUnchanged();
    }

    [Fact]
    public async Task UnknownItem_IsNotFound()
    {
        var here = await ReplyAsync(Request(ReplyKind.Done, key: new ItemKey(ChesterfieldTeam1, new OccurrenceId("nope"))));
        var elsewhere = await ReplyAsync(Request(ReplyKind.Done, key: new ItemKey(BolsoverTeam1, new OccurrenceId("nope"))));

        Assert.Equal((ReplyOutcomeKind.NotFound, ReplyOutcomeKind.NotFound), (here.Kind, elsewhere.Kind));
    }

    [Fact]
    public async Task CardFromBeforeTheOwnerMoved_FindsTheItemInTheirNewAreaAndSaysTheCardIsStale()
    {
        var moved = Council.Person(6) with { Areas = [BolsoverTeam1] };
        await _council.Tracking.TransferAsync(new ItemTransfer(TransferKind.MoveWithOwner, Id(6), ChesterfieldTeam1, moved, Council.Now, Actor.System("import"), TestItems.Origin));

        var stale = await ReplyAsync(Request(ReplyKind.Done, by: moved));
        var redrawn = await ReplyAsync(Request(ReplyKind.Done, by: moved, key: stale.Item!.Key, seen: stale.Item.Version));

        Assert.Equal((ReplyOutcomeKind.Stale, BolsoverTeam1), (stale.Kind, stale.Item.Area));
        Assert.Equal((ReplyOutcomeKind.Recorded, BolsoverTeam1), (redrawn.Kind, redrawn.Item!.Area));
    }

    [Fact]
    public async Task OwnerMovedButTheItemsNotYet_FindsTheItemWhereTheCardSaid()
    {
        var moved = Council.Person(6) with { Areas = [BolsoverTeam1] };

        var outcome = await ReplyAsync(Request(ReplyKind.Done, by: moved));

        Assert.Equal(ReplyOutcomeKind.Recorded, outcome.Kind);
        Assert.Equal(ChesterfieldTeam1, outcome.Item!.Area);
    }

    [Fact]
    public async Task ItemClosedBetweenReadAndWrite_IsStaleAndRecordsNothingMore()
    {
        _council.Tracking.ChangeBetweenReadAndWrite(_item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, Due, "other-press")));

        var outcome = await ReplyAsync(Request(ReplyKind.NotApplicable));

        Assert.Equal(ReplyOutcomeKind.Stale, outcome.Kind);
        Assert.Equal(ItemStatus.Done, outcome.Item!.Status);
        Assert.Single(await _council.Tracking.GetRepliesAsync(_item.Key));
    }

    [Fact]
    public async Task ItemReassignedBetweenReadAndWrite_RecordsNothing()
    {
        _council.Tracking.ChangeBetweenReadAndWrite(_item.Key, i => ItemTransitions.Reassign(i, Council.Person(4), Council.Now, Actor.System("import"), TestItems.Origin));

        var outcome = await ReplyAsync(Request(ReplyKind.Done));

        Assert.Equal(ReplyOutcomeKind.Stale, outcome.Kind);
        Assert.Equal(Id(4), outcome.Item!.Owner);
        Assert.Empty(await _council.Tracking.GetRepliesAsync(_item.Key));
    }

    [Fact]
    public async Task ItemMovedAwayBetweenReadAndWrite_IsNotFound()
    {
        var moved = Council.Person(6) with { Areas = [BolsoverTeam1] };
        _council.Tracking.BetweenReadAndWrite = async (_, ct) =>
        {
            _council.Tracking.BetweenReadAndWrite = null;
            await _council.Tracking.TransferAsync(new ItemTransfer(TransferKind.MoveWithOwner, Id(6), ChesterfieldTeam1, moved, Council.Now, Actor.System("import"), TestItems.Origin), ct);
        };

        var outcome = await ReplyAsync(Request(ReplyKind.Done));

        Assert.Equal(ReplyOutcomeKind.NotFound, outcome.Kind);
    }

    [Fact]
    public async Task ItemChangedWhileReplying_IsStaleAndRecordsNothing()
    {
        // A manager's nudge lands between the read and the conditional write: the reply is not retried on the new version.
        _council.Tracking.ChangeBetweenReadAndWrite(_item.Key, i => ItemTransitions.Nudge(i, new ItemNudge(i.Id, Id(4), Council.Now, TestItems.Origin)));

        var outcome = await ReplyAsync(Request(ReplyKind.Done));

        Assert.Equal(ReplyOutcomeKind.Stale, outcome.Kind);
        Assert.Equal(2, outcome.Item!.Version);
        Assert.Null(outcome.Reply);
        Assert.Empty(await _council.Tracking.GetRepliesAsync(_item.Key));
        Assert.Equal(ItemStatus.Open, _council.Get(_item).Status);
    }

    [Theory]
    [InlineData(ReplyKind.Done, "item.done")]
    [InlineData(ReplyKind.Rescheduled, "item.reschedule")]
    [InlineData(ReplyKind.NotApplicable, "item.notApplicable")]
    public void VerbOf_EachKind_NamesItsVerb(ReplyKind kind, string verb) => Assert.Equal(verb, RecordReply.VerbOf(kind));

    [Fact]
    public void VerbOf_UnknownKind_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => RecordReply.VerbOf((ReplyKind)42));

    [Fact]
    public void Constructor_MissingDependency_NamesIt()
    {
        var logger = NullLogger<RecordReply>.Instance;
        Assert.Equal("tracking", Assert.Throws<ArgumentNullException>(() => new RecordReply(null!, _council.Directory, Council.Catalogue, Council.Rules, logger)).ParamName);
        Assert.Equal("directory", Assert.Throws<ArgumentNullException>(() => new RecordReply(_council.Tracking, null!, Council.Catalogue, Council.Rules, logger)).ParamName);
        Assert.Equal("catalogue", Assert.Throws<ArgumentNullException>(() => new RecordReply(_council.Tracking, _council.Directory, null!, Council.Rules, logger)).ParamName);
        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => new RecordReply(_council.Tracking, _council.Directory, Council.Catalogue, null!, logger)).ParamName);
        Assert.Equal("logger", Assert.Throws<ArgumentNullException>(() => new RecordReply(_council.Tracking, _council.Directory, Council.Catalogue, Council.Rules, null!)).ParamName);
    }
}
