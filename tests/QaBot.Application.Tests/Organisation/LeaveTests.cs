using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Organisation.Leave;
using QaBot.Application.Reminders;
using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Organisation;

/// <summary>
/// Leave, absence and cover, with hand-worked dates. Person 4 manages Chesterfield Team 1 (people 6 and 7) and reports
/// to person 3, the head of service; person 5 manages Bolsover Team 1. Today is Friday 20 November 2026.
/// </summary>
[Trait("Category", "Fast")]
public sealed class LeaveTests
{
    private const string Statutory = "iro-quality-assure-planning";
    private const string Supervision = "team-manager-supervision";

    private static readonly ScheduleEngine Engine = new(ShippedFramework.Catalogue, ShippedFramework.Calendar, SchedulePolicy.Default);
    private static readonly AuditOrigin Cli = new("cli", "leave add");

    private readonly Council _council = new();

    private LeaveRegister Register => new(_council.Directory, _council.Tracking, Engine);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private Task<LeaveOutcome> AddLeaveAsync(int person, DateOnly from, DateOnly to, int? cover = null) =>
        Register.AddAsync(Council.Person(person), from, to, cover is { } c ? Council.Person(c) : null, Actor.Operator("qa-team"), Council.Now, Cli);

    private async Task<OrganisationChart> ChartAsync() => (await _council.Directory.GetSnapshotAsync()).ToChart(Council.Policy);

    private DigestLoader Loader => new(_council.Directory, _council.Tracking, new DigestComposer(Engine.Rules), Council.Policy);

    [Fact]
    public async Task ManagerOnLeaveWithoutCover_ItemsDueWhileAwayMoveToTheFirstWorkingDayBack_OthersStay()
    {
        // Away Mon 14 Dec to Thu 31 Dec 2026; Fri 1 Jan 2027 is New Year's Day, so they are back on Mon 4 Jan 2027.
        var before = _council.Add("before", 4, D(2026, 12, 11), Supervision);
        var during = _council.Add("during", 4, D(2026, 12, 17), Supervision);
        var lastDay = _council.Add("last-day", 4, D(2026, 12, 31), Supervision);
        var after = _council.Add("after", 4, D(2027, 1, 5), Supervision);
        var statutory = _council.Add("statutory", 4, D(2026, 12, 16), Statutory);

        var outcome = await AddLeaveAsync(4, D(2026, 12, 14), D(2026, 12, 31));

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal(2, outcome.ItemsMoved);
        Assert.Equal(D(2027, 1, 4), outcome.Absence!.ReturnsOn(Engine.Calendar));
        foreach (var moved in new[] { during, lastDay })
        {
            var stored = _council.Get(moved);
            Assert.Equal((ItemStatus.Rescheduled, (DateOnly?)D(2027, 1, 4), moved.Due), (stored.Status, stored.RescheduledTo, stored.Due));
            Assert.All(stored.RemindAt, r => Assert.True(r > Council.Now && r <= new DateTimeOffset(2027, 1, 4, 23, 0, 0, TimeSpan.Zero)));
            var audit = (await _council.Tracking.GetAuditTrailAsync(moved.Key))[^1];
            Assert.Equal(("moved-for-leave", Actor.System("leave")), (audit.Action, audit.Actor));
            Assert.Contains("to 2027-01-04", audit.Detail, StringComparison.Ordinal);
        }

        foreach (var untouched in new[] { before, after, statutory })
        {
            Assert.Equal((ItemStatus.Open, 1), (_council.Get(untouched).Status, _council.Get(untouched).Version));
        }

        var recorded = (await _council.Directory.GetAuditTrailAsync(Id(4)))[^1];
        Assert.Equal(("leave-recorded", "away 2026-12-14 to 2026-12-31, no cover", Actor.Operator("qa-team")), (recorded.Action, recorded.Detail, recorded.Actor));

        // Running the move again (as the daily run does for items created later) moves nothing twice.
        Assert.Equal(0, await Register.MoveItemsAsync(Council.Person(4), outcome.Absence!, Council.Now, Cli));
    }

    [Fact]
    public async Task LeaveRecordedAfterItStarted_ItemsAlreadyPastTheirDateStayOverdue()
    {
        // Away Mon 16 to Fri 27 Nov 2026, recorded on Fri 20 Nov: Wed 18 Nov's item stays; Tue 24 Nov's moves to Mon 30 Nov.
        var past = _council.Add("past", 4, D(2026, 11, 18), Supervision);
        var coming = _council.Add("coming", 4, D(2026, 11, 24), Supervision);

        var outcome = await AddLeaveAsync(4, D(2026, 11, 16), D(2026, 11, 27));

        Assert.Equal(1, outcome.ItemsMoved);
        Assert.Equal((ItemStatus.Open, D(2026, 11, 18)), (_council.Get(past).Status, _council.Get(past).EffectiveDue));
        Assert.Equal(D(2026, 11, 30), _council.Get(coming).EffectiveDue);
    }

    [Fact]
    public async Task ManagerOnLeave_EscalationsPassToTheNextManagerUp_AndTheirRemindersPause()
    {
        await AddLeaveAsync(4, D(2026, 12, 14), D(2026, 12, 31));
        var chart = await ChartAsync();

        // Person 6's overdue items go to the head of service (3) while their manager (4) is away, and back to 4 after.
        Assert.Equal(Id(3), chart.EscalationTarget(Id(6), D(2026, 12, 16))!.Id);
        Assert.Equal(Id(4), chart.EscalationTarget(Id(6), D(2027, 1, 4))!.Id);
        Assert.Equal(Id(4), chart.EscalationTarget(Id(6), D(2026, 12, 11))!.Id);
        Assert.Equal([Id(3), Id(2), Id(1)], chart.EscalationChain(Id(6), D(2026, 12, 16)).Select(p => p.Id));

        // A reminder on Tue 15 Dec: the person away hears nothing; their statutory item goes to their manager instead.
        var at = new DateTimeOffset(2026, 12, 15, 9, 0, 0, TimeSpan.Zero);
        var rules = Engine.Rules;
        var lines = EscalationLines.Build(chart, D(2026, 12, 15));
        var supervision = new ReminderDue(new ItemKey(ChesterfieldTeam1, new OccurrenceId(Supervision + ".2026-12." + Id(4))), Id(4), at);
        var statutory = new ReminderDue(new ItemKey(ChesterfieldTeam1, new OccurrenceId(Statutory + ".cla-review." + Id(4))), Id(4), at);

        Assert.Empty(ReminderPlanner.Recipients([supervision], [], chart, lines, rules, null));
        Assert.Equal([Id(3)], ReminderPlanner.Recipients([statutory], [], chart, lines, rules, null));
        Assert.Equal([Id(4)], ReminderPlanner.Recipients([supervision with { RemindAt = at.AddDays(20) }], [], chart, EscalationLines.Build(chart, D(2027, 1, 4)), rules, null));
    }

    [Fact]
    public async Task StatutoryItemDuringLeaveWithCover_StaysOnItsDateAndGoesToTheCover()
    {
        var statutory = _council.Add("statutory", 4, D(2026, 12, 16), Statutory);

        var outcome = await AddLeaveAsync(4, D(2026, 12, 14), D(2026, 12, 31), cover: 5);

        Assert.Equal(0, outcome.ItemsMoved);
        Assert.Equal((ItemStatus.Open, D(2026, 12, 16), 1), (_council.Get(statutory).Status, _council.Get(statutory).Due, _council.Get(statutory).Version));
        var digest = await Loader.LoadAsync(Council.Person(5), D(2026, 12, 16));
        var held = Assert.Single(digest.OwnItems, i => i.Item.Id.Value == "statutory");
        Assert.Equal("Person 4", held.CoveringFor);
        Assert.DoesNotContain(digest.OwnItems, i => i.Item.Owner == Id(5) && i.CoveringFor is not null);
    }

    [Fact]
    public async Task StatutoryItemDuringLeaveWithoutCover_StaysOnItsDateAndGoesToTheManager()
    {
        var statutory = _council.Add("statutory", 4, D(2026, 12, 16), Statutory);
        var supervision = _council.Add("supervision", 4, D(2026, 12, 17), Supervision);

        await AddLeaveAsync(4, D(2026, 12, 14), D(2026, 12, 31));

        Assert.Equal(D(2026, 12, 16), _council.Get(statutory).EffectiveDue);
        var manager = await Loader.LoadAsync(Council.Person(3), D(2026, 12, 16));
        Assert.Equal("Person 4", Assert.Single(manager.OwnItems, i => i.Item.Id.Value == "statutory").CoveringFor);
        Assert.DoesNotContain(manager.OwnItems, i => i.Item.Id == supervision.Id);
    }

    [Fact]
    public async Task ActingUp_CoverHoldsTheDutiesAndTheTeamsEscalationsThenHandsThemBack()
    {
        // Person 5 acts up for person 4 from Mon 7 Dec to Fri 18 Dec 2026.
        var item = _council.Add("supervision", 4, D(2026, 12, 11), Supervision);
        await AddLeaveAsync(4, D(2026, 12, 7), D(2026, 12, 18), cover: 5);
        var chart = await ChartAsync();

        Assert.Equal(ItemStatus.Open, _council.Get(item).Status);
        Assert.Equal(Id(5), chart.EscalationTarget(Id(6), D(2026, 12, 10))!.Id);
        Assert.Equal(Id(4), chart.EscalationTarget(Id(6), D(2026, 12, 21))!.Id);
        Assert.Equal(Id(5), chart.StandInFor(Id(4), D(2026, 12, 7), statutory: false)!.Id);
        Assert.Null(chart.StandInFor(Id(4), D(2026, 12, 21), statutory: false));

        var during = await Loader.LoadAsync(Council.Person(5), D(2026, 12, 10));
        Assert.Equal("Person 4", Assert.Single(during.OwnItems, i => i.Item.Id == item.Id).CoveringFor);
        var afterCover = await Loader.LoadAsync(Council.Person(5), D(2026, 12, 21));
        Assert.DoesNotContain(afterCover.OwnItems, i => i.Item.Id == item.Id);
        var back = await Loader.LoadAsync(Council.Person(4), D(2026, 12, 21));
        Assert.Null(Assert.Single(back.OwnItems, i => i.Item.Id == item.Id).CoveringFor);

        // The scheduler's digest for the cover holds it on its due day too.
        using var cache = new DirectoryCache(_council.Directory, Council.Policy, _council.Time);
        var stored = await new StoredDigestSource(cache, _council.Tracking, Engine.Rules).ComposeAsync(Id(5), D(2026, 12, 11), "run-1");
        Assert.Equal("Person 4", Assert.Single(stored!.OwnItems, i => i.Item.Id == item.Id).CoveringFor);
    }

    [Fact]
    public async Task ActingUp_TheCoverCanRecordRepliesOnlyWhileCovering()
    {
        var item = _council.Add("supervision", 4, D(2026, 12, 11), Supervision);
        var later = _council.Add("later", 4, D(2026, 12, 22), Supervision);
        await AddLeaveAsync(4, D(2026, 12, 7), D(2026, 12, 18), cover: 5);
        var reply = new RecordReply(_council.Tracking, _council.Directory, Engine.Catalogue, Engine.Rules, NullLogger<RecordReply>.Instance);
        ReplyRequest Done(TrackedItem i, DateTimeOffset at) => new(Council.Person(5), i.Key, 1, ReplyKind.Done, null, "held", at, Council.Teams);

        var covering = await reply.ExecuteAsync(Done(item, new DateTimeOffset(2026, 12, 11, 14, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        var afterwards = await reply.ExecuteAsync(Done(later, new DateTimeOffset(2026, 12, 21, 14, 0, 0, TimeSpan.Zero)), CancellationToken.None);

        Assert.Equal(ReplyOutcomeKind.Recorded, covering.Kind);
        Assert.Equal((ItemStatus.Done, Id(4)), (_council.Get(item).Status, _council.Get(item).Owner));
        Assert.Equal(Actor.Person(Id(5)), (await _council.Tracking.GetAuditTrailAsync(item.Key))[^1].Actor);
        Assert.Equal(ReplyOutcomeKind.NotYours, afterwards.Kind);
        Assert.Equal(ItemStatus.Open, _council.Get(later).Status);
    }

    [Theory]
    [InlineData(4, "2026-12-18", "2026-12-07", null, "The leave ends (Mon 7 Dec 2026) before it starts (Fri 18 Dec 2026).")]
    [InlineData(4, "2026-11-02", "2026-11-13", null, "The leave ended on Fri 13 Nov 2026, before today: there is nothing to pause.")]
    [InlineData(4, "2026-12-07", "2026-12-18", 4, "Person 4 cannot cover their own leave.")]
    [InlineData(4, "2026-12-01", "2027-12-31", null, "The leave is 396 days long; record at most 366 days at a time.")]
    public async Task AddAsync_BadLeave_IsRefusedSayingWhyAndWritesNothing(int person, string from, string to, int? cover, string problem)
    {
        var outcome = await AddLeaveAsync(person, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), cover);

        Assert.Equal(problem, outcome.Problem);
        Assert.Empty(await _council.Directory.ListAbsencesAsync());
    }

    [Fact]
    public async Task AddAsync_OverlappingLeave_IsRefused_AndCancelRemovesItWithAnAuditEntry()
    {
        await AddLeaveAsync(4, D(2026, 12, 14), D(2026, 12, 31));

        var overlap = await AddLeaveAsync(4, D(2026, 12, 30), D(2027, 1, 8));
        var wrongDay = await Register.CancelAsync(Council.Person(4), D(2026, 12, 15), Actor.Operator("qa-team"), Council.Now, Cli);
        var cancelled = await Register.CancelAsync(Council.Person(4), D(2026, 12, 14), Actor.Operator("qa-team"), Council.Now, Cli);

        Assert.Equal("Person 4 already has leave recorded from Mon 14 Dec 2026 to Thu 31 Dec 2026, which overlaps; cancel it first to change it.", overlap.Problem);
        Assert.Equal("Person 4 has no leave starting Tue 15 Dec 2026; recorded: Mon 14 Dec 2026 to Thu 31 Dec 2026.", wrongDay.Problem);
        Assert.True(cancelled.Succeeded);
        Assert.Empty(await _council.Directory.ListAbsencesAsync());
        Assert.Equal("leave-cancelled", (await _council.Directory.GetAuditTrailAsync(Id(4)))[^1].Action);
    }

    [Fact]
    public async Task AddAsync_CoverAwayThemselves_IsRefused()
    {
        await AddLeaveAsync(5, D(2026, 12, 21), D(2026, 12, 24));

        var outcome = await AddLeaveAsync(4, D(2026, 12, 14), D(2026, 12, 22), cover: 5);

        Assert.Equal("Person 5 is away themselves from Mon 21 Dec 2026 to Thu 24 Dec 2026, so cannot cover.", outcome.Problem);
    }
}
