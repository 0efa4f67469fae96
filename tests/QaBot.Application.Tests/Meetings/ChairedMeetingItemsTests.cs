using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Configuration;
using QaBot.Application.Meetings;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Meetings;

/// <summary>
/// The QA &amp; Transformation Board (first Tuesday, every two months from January 2027, chaired by the Executive
/// Director, person 1) and the CME line of sight meetings (half-termly from September 2026, chaired by the Director of
/// Schools and Learning, person 3), planned on Monday 21 December 2026.
/// </summary>
[Trait("Category", "Fast")]
public sealed class ChairedMeetingItemsTests
{
    private static readonly DutyId Board = new("exec-director-chair-qa-transformation-board");
    private static readonly DutyId Cme = new("director-sl-chair-cme-line-of-sight");
    private static readonly DateTimeOffset Now = new(2026, 12, 21, 6, 0, 0, TimeSpan.Zero);
    private static readonly ScheduleRules Rules = new(ShippedFramework.Calendar, SchedulePolicy.Default, ShippedFramework.Catalogue);
    private readonly InMemoryTrackingStore _tracking = new();
    private readonly InMemoryBoardMeetingStore _records = new();
    private readonly BoardMeetingSyncTests.FakeCalendar _calendar = new();

    private static readonly DateOnly Until = new(2027, 3, 31);

    private static GraphSyncOptions Options()
    {
        var options = new GraphSyncOptions();
        options.OrganiserMailboxes.Add(BoardMeetingSyncTests.Organiser);
        return options;
    }

    private IReadOnlyList<Person> _staff = BoardMeetingSyncTests.Staff;

    private BoardMeetingSync Sync() => new(
        ShippedFramework.Catalogue, new BoardMeetingSyncTests.Schedules(() => BoardMeetingSyncTests.MeetingsYaml), ShippedFramework.Calendar,
        InMemoryDirectoryStore.With(Areas, _staff), _records, _calendar,
        OrganisationPolicy.Default, Microsoft.Extensions.Options.Options.Create(Options()), new FakeTimeProvider(Now), NullLogger<BoardMeetingSync>.Instance);

    private ChairedMeetingItems Items(bool graphConfigured = true) =>
        new(Sync(), _tracking, InMemoryDirectoryStore.With(Areas, _staff), Rules, ShippedFramework.Catalogue, _calendar, new Connection(graphConfigured), Microsoft.Extensions.Options.Options.Create(Options()));

    private static Task<ChairedMeetingPlan> PlanAsync(ChairedMeetingItems items) => items.PlanAsync(new DateOnly(2026, 12, 21), CancellationToken.None);

    private OrganisationChart Chart => new(Tree, _staff, OrganisationPolicy.Default);

    [Fact]
    public async Task ItemsFor_TheBoard_DueOnEachMeetingsDate_RemindedTheWorkingDayBeforeAndOnTheDay()
    {
        var items = Items();
        var plan = await PlanAsync(items);

        var made = items.ItemsFor(plan, Chart, Now, Until);

        var board = made.Where(i => i.Duty == Board).OrderBy(i => i.Due).ToList();
        Assert.Equal([new DateOnly(2027, 1, 5), new DateOnly(2027, 3, 2)], board.Select(i => i.Due));
        Assert.All(board, i => Assert.Equal(Id(1), i.Owner));
        Assert.Equal("exec-director-chair-qa-transformation-board.meeting-2027-01-05." + Id(1).Value, board[0].Id.Value);
        Assert.Equal("QA & Transformation Board, Tue 5 Jan 2027 at 10:00", board[0].Note);
        // Friday 1 January is a bank holiday: the working day before Tuesday 5 January is Monday 4 January.
        Assert.Equal([new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 5)], board[0].RemindAt.Select(r => Rules.Calendar.LocalDateOf(r)));
        Assert.Equal((new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 5)), (board[0].WindowFrom, board[0].WindowTo));
        Assert.Contains(made, i => i.Duty == Cme && i.Owner == Id(3));
        Assert.True(ChairedMeeting.IsMeetingItem(board[0].Id, Board));
        Assert.False(ChairedMeeting.IsMeetingItem(new OccurrenceId("exec-director-chair-qa-transformation-board.2027-b1." + Id(1).Value), Board));
    }

    [Fact]
    public async Task Plan_TheCalendarRhythmGivesWayFromTheDayTheMeetingsStart()
    {
        var plan = await PlanAsync(Items());

        Assert.Equal(new ChairedSpan(new DateOnly(2027, 1, 1), null), plan.Chairs[(Board, Id(1))]);
        Assert.Equal(new ChairedSpan(new DateOnly(2026, 9, 1), null), plan.Chairs[(Cme, Id(3))]);
        Assert.True(plan.Replaces(Board, Id(1), new DateOnly(2027, 2, 26)));
        Assert.False(plan.Replaces(Board, Id(1), new DateOnly(2026, 12, 31)));
        // Only the chairs of meetings in calendars: anyone else holding the duty stays on its rhythm.
        Assert.False(plan.Replaces(Board, Id(2), new DateOnly(2027, 2, 26)));
        Assert.False(plan.Replaces(new DutyId("exec-director-audit-scrutiny"), Id(1), new DateOnly(2027, 2, 26)));
    }

    [Fact]
    public async Task Plan_WithoutGraph_NoMeetingsReachCalendars_SoEveryChairStaysOnTheRhythm()
    {
        var plan = await PlanAsync(Items(graphConfigured: false));

        Assert.Empty(plan.Meetings);
        Assert.False(plan.Replaces(Board, Id(1), new DateOnly(2027, 2, 26)));
    }

    [Fact]
    public async Task MoveInCalendars_TheSeriesMeetingThatDay_AtTheSameTimeOnTheNewDate_OnceTheBoardIsInCalendars()
    {
        var items = Items();
        var plan = await PlanAsync(items);
        var march = items.ItemsFor(plan, Chart, Now, Until).Single(i => i.Duty == Board && i.Due == new DateOnly(2027, 3, 2));

        var beforeSync = await items.MoveInCalendarsAsync(march, new DateOnly(2027, 3, 9), Id(1), "Person 1", Now, TestItems.Origin, CancellationToken.None);
        Assert.True((await Sync().SyncAsync()).Succeeded);
        var series = Assert.Single(await _records.GetForBodyAsync(new BodyId("qa-transformation-board"))).Value.GraphEventId;
        var moved = await items.MoveInCalendarsAsync(march, new DateOnly(2027, 3, 9), Id(1), "Person 1", Now, TestItems.Origin, CancellationToken.None);
        _calendar.Refuse = new CalendarRequestException("move meeting", 503, "ServiceUnavailable");
        var refused = await items.MoveInCalendarsAsync(march, new DateOnly(2027, 3, 9), Id(1), "Person 1", Now, TestItems.Origin, CancellationToken.None);

        Assert.Equal((MeetingMove.NotInCalendars, MeetingMove.Moved, MeetingMove.Failed), (beforeSync, moved, refused));
        Assert.Contains($"move {series} 2027-03-02 to 2027-03-09 10:00 for 120 minutes from {BoardMeetingSyncTests.Organiser}", _calendar.Calls);
    }

    [Fact]
    public async Task MoveInCalendars_AnotherChairOfTheSameMeeting_HasTheirItemMovedWithIt_Once()
    {
        // An acting Executive Director (person 8) holds the role beside person 1: both chair the board.
        _staff = [.. BoardMeetingSyncTests.Staff, NewPerson(8, Department, null, new RoleId("executive-director"))];
        var items = Items();
        var plan = await PlanAsync(items);
        await _tracking.AddIfAbsentAsync([.. items.ItemsFor(plan, Chart, Now, Until).Select(NewItem.Of)], TestItems.Origin);
        var march = items.ItemsFor(plan, Chart, Now, Until).Single(i => i.Duty == Board && i.Owner == Id(1) && i.Due == new DateOnly(2027, 3, 2));
        var other = new ItemKey(Department, ChairedMeeting.ItemFor(Board, new DateOnly(2027, 3, 2), Id(8)));

        await items.MoveInCalendarsAsync(march, new DateOnly(2027, 3, 9), Id(1), "Person 1", Now, TestItems.Origin, CancellationToken.None);
        await items.MoveInCalendarsAsync(march, new DateOnly(2027, 3, 9), Id(1), "Person 1", Now, TestItems.Origin, CancellationToken.None);

        var moved = (await _tracking.GetAsync(other))!;
        Assert.Equal((ItemStatus.Rescheduled, (DateOnly?)new DateOnly(2027, 3, 9), "Moved by Person 1, who also chairs it"), (moved.Status, moved.RescheduledTo, moved.Note));
        Assert.Equal([new DateOnly(2027, 3, 8), new DateOnly(2027, 3, 9)], moved.RemindAt.Select(r => Rules.Calendar.LocalDateOf(r)));
        Assert.Single(await _tracking.GetRepliesAsync(other), r => r.Kind == ReplyKind.Rescheduled);
    }

    [Fact]
    public async Task CloseReplaced_ClosesTheCalendarsItemsFromTheStartOnce_AndKeepsTheMeetingsAndEarlierOnes()
    {
        var items = Items();
        var plan = await PlanAsync(items);
        var ed = BoardMeetingSyncTests.Staff[0];
        var janFeb = TestItems.Open("exec-director-chair-qa-transformation-board.2027-b1." + ed.Id.Value, ed.Id, ed.HomeArea, new DateOnly(2027, 2, 26), Board.Value);
        var stale = TestItems.Open(ChairedMeeting.ItemFor(Board, new DateOnly(2027, 1, 12), ed.Id).Value, ed.Id, ed.HomeArea, new DateOnly(2027, 1, 12), Board.Value);
        var novDec = TestItems.Open("exec-director-chair-qa-transformation-board.2026-b6." + ed.Id.Value, ed.Id, ed.HomeArea, new DateOnly(2026, 12, 31), Board.Value);
        await _tracking.AddIfAbsentAsync([NewItem.Of(janFeb), NewItem.Of(novDec), NewItem.Of(stale), .. items.ItemsFor(plan, Chart, Now, Until).Select(NewItem.Of)], TestItems.Origin);

        var closed = await items.CloseReplacedAsync(plan, Chart, Now, Until, TestItems.Origin, CancellationToken.None);
        var again = await items.CloseReplacedAsync(plan, Chart, Now, Until, TestItems.Origin, CancellationToken.None);

        Assert.Equal((2, 0), (closed, again));
        var replaced = (await _tracking.GetAsync(janFeb.Key))!;
        Assert.Equal((ItemStatus.ClosedOther, ItemTransitions.ReplacedByMeetingsReason), (replaced.Status, replaced.ClosedReason));
        Assert.Equal("closed-replaced", (await _tracking.GetAuditTrailAsync(janFeb.Key))[^1].Action);
        Assert.Equal(ItemStatus.Open, (await _tracking.GetAsync(novDec.Key))!.Status);
        // A meeting the plan no longer has (the board was on the second Tuesday before the file changed) closes too.
        Assert.Equal(ItemStatus.ClosedOther, (await _tracking.GetAsync(stale.Key))!.Status);
        Assert.All((await _tracking.GetOpenItemsAsync(ed)).Where(i => i.Duty == Board && i.Id != novDec.Id), i => Assert.True(ChairedMeeting.IsMeetingItem(i.Id, Board)));
    }

    private sealed class Connection(bool configured) : QaBot.Application.Sync.IGraphConnection
    {
        public bool IsConfigured => configured;
    }
}
