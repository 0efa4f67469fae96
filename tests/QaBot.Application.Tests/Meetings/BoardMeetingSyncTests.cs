using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Configuration;
using QaBot.Application.Meetings;
using QaBot.Core;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;
using QaBot.Testing.InMemory;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Meetings;

[Trait("Category", "Fast")]
public sealed class BoardMeetingSyncTests
{
    public const string Organiser = "qa.boards@council.example";

    public const string MeetingsYaml = """
        version: 1
        meetings:
          - body: qa-transformation-board
            on: first tuesday
            from: 2027-01-01
            time: "10:00"
            durationMinutes: 120
            attendees:
              - role: service-director
              - role: assistant-director-head-of-service
          - body: cme-line-of-sight
            on: third wednesday
            from: 2026-09-01
            time: "14:00"
            durationMinutes: 90
            attendees:
              - role: director-early-help-safeguarding
        """;

    private static readonly RoleId Head = new("assistant-director-head-of-service");
    private static readonly BodyId Board = new("qa-transformation-board");

    public static IReadOnlyList<Person> Staff { get; } =
    [
        NewPerson(1, Department, null, new RoleId("executive-director")),
        NewPerson(2, EarlyHelp, Id(1), new RoleId("service-director"), new RoleId("director-early-help-safeguarding")),
        NewPerson(3, Schools, Id(1), new RoleId("service-director"), new RoleId("director-schools-learning")),
        NewPerson(4, SocialCare, Id(2), Head, new RoleId("head-of-service-early-help-safeguarding")),
        NewPerson(5, Send, Id(3), Head),
        NewPerson(6, ChesterfieldTeam1, Id(4), new RoleId("team-manager"), new RoleId("all-staff")),
        NewPerson(7, ChesterfieldTeam1, Id(6), new RoleId("all-staff")),
    ];

    private readonly InMemoryDirectoryStore _directory = InMemoryDirectoryStore.With(Areas, Staff);
    private readonly InMemoryBoardMeetingStore _store = new();
    private readonly FakeCalendar _calendar = new();
    private readonly FakeTimeProvider _time = new(Council.Now);
    private readonly GraphSyncOptions _options = new();
    private string _yaml = MeetingsYaml;

    public BoardMeetingSyncTests()
    {
        _options.OrganiserMailboxes.Add(Organiser);
    }

    public BoardMeetingSync Sync() => new(
        ShippedFramework.Catalogue, new Schedules(() => _yaml), ShippedFramework.Calendar, _directory, _store, _calendar, OrganisationPolicy.Default,
        Options.Create(_options), _time, NullLogger<BoardMeetingSync>.Instance);

    private async Task<Versioned<BoardMeetingRecord>> BoardRecordAsync() => Assert.Single(await _store.GetForBodyAsync(Board));

    [Fact]
    public async Task SyncAsync_FirstRun_CreatesEveryEventAndRecordsItsId()
    {
        var result = await Sync().SyncAsync();

        Assert.True(result.Succeeded);
        Assert.Equal((7, 0, 0, 0, 0), (result.Created, result.Updated, result.Unchanged, result.Cancelled, result.Recreated));
        Assert.Equal(7, _calendar.Events.Count);
        var board = (await BoardRecordAsync()).Value;
        Assert.Equal((BoardMeetingState.Created, Organiser), (board.State, board.Organiser));
        Assert.Equal(_calendar.TransactionOf[board.GraphEventId!], board.TransactionId);
    }

    [Fact]
    public async Task SyncAsync_SecondRunWithNoChanges_OnlyChecksTheEventsExist()
    {
        await Sync().SyncAsync();
        _calendar.Calls.Clear();

        var result = await Sync().SyncAsync();

        Assert.Equal((7, 0), (result.Unchanged, result.Created));
        Assert.All(_calendar.Calls, c => Assert.StartsWith("exists ", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAsync_EventDeletedByHand_IsCreatedAgainUnderANewTransactionId()
    {
        await Sync().SyncAsync();
        var before = (await BoardRecordAsync()).Value;
        _calendar.Events.Remove(before.GraphEventId!);

        var result = await Sync().SyncAsync();

        Assert.Equal((1, 6), (result.Recreated, result.Unchanged));
        var after = (await BoardRecordAsync()).Value;
        Assert.NotEqual(before.TransactionId, after.TransactionId);
        Assert.NotEqual(before.GraphEventId, after.GraphEventId);
        Assert.Contains(after.GraphEventId!, _calendar.Events.Keys);
    }

    [Fact]
    public async Task SyncAsync_SomeoneTakesUpAHeadOfServiceRole_UpdatesTheBoardsAttendeesOnly()
    {
        await Sync().SyncAsync();
        var stored = (await _directory.GetSnapshotAsync()).People.Single(p => p.Value.Id == Id(6));
        var audit = new QaBot.Core.Tracking.AuditEntry(Council.Now, QaBot.Core.Tracking.Actor.System("test"), "updated", "person:" + Id(6), "roles", new QaBot.Core.Tracking.AuditOrigin("test"));
        Assert.True((await _directory.SavePersonAsync(stored.Value with { Roles = [.. stored.Value.Roles, new RoleAssignment(Head, Council.Today)] }, stored.Version, audit)).Saved);
        _calendar.Calls.Clear();

        var result = await Sync().SyncAsync();

        Assert.Equal((1, 6), (result.Updated, result.Unchanged));
        Assert.Single(_calendar.Calls, c => c.StartsWith("update ", StringComparison.Ordinal) && c.EndsWith(" attendeesOnly=True", StringComparison.Ordinal));
        Assert.Contains("person6@council.example", (await BoardRecordAsync()).Value.Attendees);
    }

    [Fact]
    public async Task SyncAsync_UpdateFindsTheEventGone_CreatesItAgain()
    {
        await Sync().SyncAsync();
        var stored = (await _directory.GetSnapshotAsync()).People.Single(p => p.Value.Id == Id(6));
        var audit = new QaBot.Core.Tracking.AuditEntry(Council.Now, QaBot.Core.Tracking.Actor.System("test"), "updated", "person:" + Id(6), "roles", new QaBot.Core.Tracking.AuditOrigin("test"));
        await _directory.SavePersonAsync(stored.Value with { Roles = [.. stored.Value.Roles, new RoleAssignment(Head, Council.Today)] }, stored.Version, audit);
        _calendar.Events.Remove((await BoardRecordAsync()).Value.GraphEventId!);

        var result = await Sync().SyncAsync();

        Assert.Equal((1, 0), (result.Recreated, result.Updated));
        Assert.Equal(BoardMeetingState.Created, (await BoardRecordAsync()).Value.State);
    }

    [Fact]
    public async Task SyncAsync_BodyTakenOutOfTheFile_CancelsItsEventsWithTheCouncilsWording()
    {
        await Sync().SyncAsync();
        _yaml = MeetingsYaml[..MeetingsYaml.IndexOf("  - body: cme-line-of-sight", StringComparison.Ordinal)];

        var result = await Sync().SyncAsync();

        Assert.Equal((6, 1), (result.Cancelled, result.Unchanged));
        Assert.Equal(6, _calendar.Calls.Count(c => c == "cancel " + BoardMeetingSync.CancelComment));
        Assert.All((await _store.ListAsync()).Where(r => r.Value.Body != Board), r => Assert.Equal(BoardMeetingState.Cancelled, r.Value.State));
    }

    [Fact]
    public async Task SyncAsync_OrganiserChanges_CancelsTheOldEventsAndCreatesThemInTheNewMailbox()
    {
        await Sync().SyncAsync();
        _options.OrganiserMailboxes.Clear();
        _options.OrganiserMailboxes.Add("qa.new@council.example");

        var result = await Sync().SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Concat(result.Conflicts)));
        Assert.Equal(7, result.Created);
        Assert.Equal(7, _calendar.Calls.Count(c => c.StartsWith("cancel ", StringComparison.Ordinal)));
        Assert.Equal("qa.new@council.example", (await BoardRecordAsync()).Value.Organiser);
    }

    [Fact]
    public async Task SyncAsync_CalendarRefusesTheCreate_IsAFailureNamingTheEventAndStatus()
    {
        _calendar.Refuse = new CalendarRequestException("create", 403, "ErrorAccessDenied");

        var result = await Sync().SyncAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(7, result.Failures.Count);
        Assert.Contains(result.Failures, f => f.StartsWith("qa-transformation-board ", StringComparison.Ordinal) && f.EndsWith(": create failed: HTTP 403 ErrorAccessDenied.", StringComparison.Ordinal));
        Assert.Equal(BoardMeetingState.Planned, (await BoardRecordAsync()).Value.State);
    }

    [Fact]
    public async Task SyncAsync_RunStoppedAfterRecordingTheCreate_SendsTheSameTransactionIdAgain()
    {
        _calendar.Refuse = new CalendarRequestException("create", 503, null);
        await Sync().SyncAsync();
        var planned = (await BoardRecordAsync()).Value;
        _calendar.Refuse = null;

        var result = await Sync().SyncAsync();

        Assert.Equal(7, result.Created);
        var created = (await BoardRecordAsync()).Value;
        Assert.Equal((planned.TransactionId, BoardMeetingState.Created), (created.TransactionId, created.State));
    }

    [Fact]
    public async Task SyncAsync_CalendarRefusesTheCancel_IsAFailure()
    {
        await Sync().SyncAsync();
        _yaml = MeetingsYaml[..MeetingsYaml.IndexOf("  - body: cme-line-of-sight", StringComparison.Ordinal)];
        _calendar.RefuseCancel = new CalendarRequestException("cancel", 403, null);

        var result = await Sync().SyncAsync();

        Assert.Equal((6, 0), (result.Failures.Count, result.Cancelled));
        Assert.All(result.Failures, f => Assert.EndsWith(": cancel failed: HTTP 403.", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAsync_AnotherSyncChangesTheRecordMeanwhile_LeavesItForTheNextRun()
    {
        // The first record written is written by "another sync" just before this one's write.
        _store.BeforeSave = record => Assert.True(_store.SaveAsync(record, null).GetAwaiter().GetResult().Saved);

        var result = await Sync().SyncAsync();

        Assert.False(result.Succeeded);
        Assert.EndsWith(": changed by another sync; left for the next run", Assert.Single(result.Conflicts), StringComparison.Ordinal);
        Assert.Equal(6, result.Created);
    }

    [Fact]
    public async Task SyncAsync_MeetingsFileWithProblems_ChangesNothingAndReportsThem()
    {
        await Sync().SyncAsync();
        _calendar.Calls.Clear();
        _yaml = "version: 1\nmeetings:\n  - body: no-such-body\n    on: first tuesday\n";

        var result = await Sync().SyncAsync();

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Plan.Problems);
        Assert.Empty(_calendar.Calls);
        Assert.Equal(0, result.Cancelled);
    }

    [Fact]
    public async Task PlanAsync_ExplicitWindow_PlansOnlyWithinIt()
    {
        var plan = await Sync().PlanAsync(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 28));

        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 28)), (plan.From, plan.To));
        Assert.Empty(_calendar.Calls);
        Assert.True(plan.Meetings.Count < 7);
    }

    [Fact]
    public void LoadSchedules_ReadsTheConfiguredFile()
    {
        Assert.True(Sync().LoadSchedules().IsValid);
        _yaml = "not: [valid";
        Assert.False(Sync().LoadSchedules("other.yaml").IsValid);
    }

    internal sealed class Schedules(Func<string> yaml) : IMeetingScheduleSource
    {
        public MeetingScheduleLoadResult Load(string? file = null) => MeetingScheduleLoader.Load(yaml(), file ?? "meetings.yaml", ShippedFramework.Catalogue);
    }

    public sealed class FakeCalendar : ICalendarGateway
    {
        private readonly object _gate = new();
        private int _next;

        public Dictionary<string, string> Events { get; } = [];

        public Dictionary<string, string> TransactionOf { get; } = [];

        public List<string> Calls { get; } = [];

        public CalendarRequestException? Refuse { get; set; }

        public CalendarRequestException? RefuseCancel { get; set; }

        public Task<string> CreateEventAsync(string organiser, CalendarEventSpec spec, string transactionId, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Calls.Add("create " + transactionId);
                if (Refuse is { } refusal)
                {
                    throw refusal;
                }

                var existing = TransactionOf.FirstOrDefault(t => t.Value == transactionId).Key;
                var id = existing ?? "event-" + ++_next;
                Events[id] = organiser;
                TransactionOf[id] = transactionId;
                return Task.FromResult(id);
            }
        }

        public Task<bool> UpdateEventAsync(string organiser, string eventId, CalendarEventSpec spec, bool attendeesOnly, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Calls.Add($"update {eventId} attendeesOnly={attendeesOnly}");
                return Task.FromResult(Events.ContainsKey(eventId));
            }
        }

        public Task<bool> MoveMeetingAsync(string organiser, string eventId, DateOnly meetingDate, DateTime newStart, TimeSpan duration, string timeZone, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Calls.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"move {eventId} {meetingDate:yyyy-MM-dd} to {newStart:yyyy-MM-dd HH:mm} for {duration.TotalMinutes} minutes from {organiser}"));
                if (Refuse is { } refusal)
                {
                    throw refusal;
                }

                return Task.FromResult(Events.ContainsKey(eventId));
            }
        }

        public Task<bool> EventExistsAsync(string organiser, string eventId, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Calls.Add("exists " + eventId);
                return Task.FromResult(Events.ContainsKey(eventId));
            }
        }

        public Task<CancelOutcome> CancelFromAsync(string organiser, string eventId, DateOnly today, string comment, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Calls.Add("cancel " + comment);
                if (RefuseCancel is { } refusal)
                {
                    throw refusal;
                }

                Events.Remove(eventId);
                return Task.FromResult(default(CancelOutcome));
            }
        }
    }
}
