using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;

namespace QaBot.Application.Meetings;

/// <summary>
/// Puts the council's board and group meetings in calendars: plans from the meetings file, the framework and the
/// directory (<see cref="BoardMeetingPlanner"/>), then creates, changes and cancels events through
/// <see cref="ICalendarGateway"/>, keeping a record of each event (<see cref="IBoardMeetingStore"/>).
/// </summary>
/// <remarks>
/// A create is recorded (with its transaction id) before it is sent, so that a run stopped half-way sends the same
/// transaction id next time and Graph returns the event it already made rather than a second one. Every record write
/// is conditional on the version read, so two runs at once cannot both act on one event.
/// </remarks>
public sealed partial class BoardMeetingSync
{
    public const string CancelComment =
        "This meeting has been taken out of the council's meeting schedule, so it is cancelled. Past meetings stay in your calendar.";

    private readonly FrameworkCatalogue _catalogue;
    private readonly IMeetingScheduleSource _schedules;
    private readonly CouncilCalendar _calendar;
    private readonly IDirectoryStore _directory;
    private readonly IBoardMeetingStore _store;
    private readonly ICalendarGateway _gateway;
    private readonly OrganisationPolicy _policy;
    private readonly GraphSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BoardMeetingSync> _logger;

    public BoardMeetingSync(
        FrameworkCatalogue catalogue,
        IMeetingScheduleSource schedules,
        CouncilCalendar calendar,
        IDirectoryStore directory,
        IBoardMeetingStore store,
        ICalendarGateway gateway,
        OrganisationPolicy policy,
        IOptions<GraphSyncOptions> options,
        TimeProvider time,
        ILogger<BoardMeetingSync> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalogue = catalogue;
        _schedules = schedules;
        _calendar = calendar;
        _directory = directory;
        _store = store;
        _gateway = gateway;
        _policy = policy;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The meetings file as configured (or another one), checked against the catalogue.</summary>
    public MeetingScheduleLoadResult LoadSchedules(string? file = null) => _schedules.Load(file);

    /// <summary>What a sync would do, calling nothing but storage. The window defaults to today and <see cref="GraphSyncOptions.MeetingHorizon"/> ahead.</summary>
    public Task<BoardPlan> PlanAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        PlanAsync(from, to, null, cancellationToken);

    /// <summary>What a sync would do with <paramref name="file"/> (null: the configured meetings file).</summary>
    public async Task<BoardPlan> PlanAsync(DateOnly? from, DateOnly? to, string? file, CancellationToken cancellationToken)
    {
        var loaded = LoadSchedules(file);
        if (!loaded.IsValid)
        {
            var (windowFrom, windowTo) = Window(from, to);
            return new BoardPlan(windowFrom, windowTo, [], [], [], loaded.Errors, []);
        }

        return await PlanAsync(loaded.Schedules, from, to, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a sync would do with schedules already read (<see cref="LoadSchedules"/>), from <paramref name="from"/> (default today) to <paramref name="to"/> (default the sync's horizon).</summary>
    public async Task<BoardPlan> PlanAsync(MeetingScheduleSet schedules, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var now = _time.GetUtcNow();
        var (windowFrom, windowTo) = Window(from, to);
        var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var records = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        return BoardMeetingPlanner.Plan(new BoardPlanInput(
            schedules,
            _catalogue,
            _calendar,
            snapshot.ToChart(_policy),
            records,
            [.. _options.OrganiserMailboxes],
            now,
            windowFrom,
            windowTo));
    }

    private (DateOnly From, DateOnly To) Window(DateOnly? from, DateOnly? to)
    {
        var today = _calendar.LocalDateOf(_time.GetUtcNow());
        return (from ?? today, to ?? today.AddDays((int)_options.MeetingHorizon.TotalDays));
    }

    /// <summary>Plans and applies: at most <see cref="GraphSyncOptions.MaxConcurrentRequests"/> events at once.</summary>
    public async Task<BoardSyncResult> SyncAsync(CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = new BoardSyncResult(plan);
        foreach (var problem in plan.Problems)
        {
            LogScheduleProblem(_logger, problem.Line, problem.Path, problem.Field);
        }

        var today = _calendar.LocalDateOf(_time.GetUtcNow());
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentRequests, CancellationToken = cancellationToken };

        // Cancellations first: an event moving to another organiser is cancelled before its replacement is created.
        await Parallel.ForEachAsync(plan.Cancellations, parallel, (c, ct) => new ValueTask(CancelAsync(c, today, result, ct))).ConfigureAwait(false);
        await Parallel.ForEachAsync(plan.Meetings, parallel, (m, ct) => new ValueTask(ApplyAsync(m, today, result, ct))).ConfigureAwait(false);

        LogSyncFinished(_logger, result.Created, result.Updated, result.Unchanged, result.Cancelled, result.Recreated, result.Failures.Count, plan.Problems.Count);
        return result;
    }

    private async Task ApplyAsync(PlannedMeeting meeting, DateOnly today, BoardSyncResult result, CancellationToken cancellationToken)
    {
        try
        {
            switch (meeting.Action)
            {
                case BoardMeetingAction.Unchanged:
                    if (await _gateway.EventExistsAsync(meeting.Organiser, meeting.Existing!.Value.GraphEventId!, cancellationToken).ConfigureAwait(false))
                    {
                        result.Count(BoardMeetingAction.Unchanged);
                    }
                    else
                    {
                        await RecreateAsync(meeting, result, cancellationToken).ConfigureAwait(false);
                    }

                    break;

                case BoardMeetingAction.Update:
                    var record = meeting.Existing!;
                    if (await _gateway.UpdateEventAsync(meeting.Organiser, record.Value.GraphEventId!, meeting.Event, meeting.AttendeesOnly, cancellationToken).ConfigureAwait(false))
                    {
                        var saved = await _store.SaveAsync(Created(meeting, meeting.TransactionId, record.Value.GraphEventId!), record.Version, cancellationToken).ConfigureAwait(false);
                        Track(saved, meeting, result, BoardMeetingAction.Update);
                    }
                    else
                    {
                        await RecreateAsync(meeting, result, cancellationToken).ConfigureAwait(false);
                    }

                    break;

                case BoardMeetingAction.Create:
                    if (meeting.Replaces is { GraphEventId: { } oldId } old)
                    {
                        await _gateway.CancelFromAsync(old.Organiser, oldId, today, CancelComment, cancellationToken).ConfigureAwait(false);
                    }

                    if (await CreateAsync(meeting, meeting.TransactionId, meeting.Existing, cancellationToken).ConfigureAwait(false) is { } created)
                    {
                        Track(created, meeting, result, BoardMeetingAction.Create);
                    }
                    else
                    {
                        result.Conflict($"{meeting.ScheduleId} {meeting.Key}: changed by another sync; left for the next run");
                    }

                    break;

                default:
                    throw new InvalidOperationException($"A planned meeting cannot be {meeting.Action}.");
            }
        }
        catch (CalendarRequestException e)
        {
            LogEventFailed(_logger, e, meeting.ScheduleId.Value, meeting.Key, e.Operation, e.Status);
            result.Fail($"{meeting.ScheduleId} {meeting.Key}: {e.Message}");
        }
    }

    /// <summary>The event was deleted in the calendar by hand: the schedule still wants it, so it is made again under a new transaction id.</summary>
    private async Task RecreateAsync(PlannedMeeting meeting, BoardSyncResult result, CancellationToken cancellationToken)
    {
        LogEventMissing(_logger, meeting.ScheduleId.Value, meeting.Key);
        var transactionId = BoardMeetingPlanner.TransactionId(meeting.ScheduleId, meeting.Key, meeting.Existing!.Value.TransactionId);
        var created = await CreateAsync(meeting, transactionId, meeting.Existing, cancellationToken).ConfigureAwait(false);
        if (created is null)
        {
            result.Conflict($"{meeting.ScheduleId} {meeting.Key}: changed by another sync; left for the next run");
            return;
        }

        result.CountRecreated();
    }

    /// <summary>Records the create with its transaction id, sends it, then records the event id. Null when another run changed the record first.</summary>
    private async Task<WriteResult?> CreateAsync(PlannedMeeting meeting, string transactionId, Versioned<BoardMeetingRecord>? existing, CancellationToken cancellationToken)
    {
        var version = existing?.Version;
        var inFlight = existing?.Value is { State: BoardMeetingState.Planned } planned
            && planned.TransactionId == transactionId
            && string.Equals(planned.Organiser, meeting.Organiser, StringComparison.OrdinalIgnoreCase);
        if (!inFlight)
        {
            var intent = new BoardMeetingRecord(
                meeting.ScheduleId, meeting.Key, meeting.Organiser, transactionId, null, BoardMeetingState.Planned,
                meeting.AttendeeAddresses, meeting.Fingerprint, _time.GetUtcNow());
            var saved = await _store.SaveAsync(intent, version, cancellationToken).ConfigureAwait(false);
            if (!saved.Saved)
            {
                return null;
            }

            version = saved.Version;
        }

        var eventId = await _gateway.CreateEventAsync(meeting.Organiser, meeting.Event, transactionId, cancellationToken).ConfigureAwait(false);
        var done = await _store.SaveAsync(Created(meeting, transactionId, eventId), version, cancellationToken).ConfigureAwait(false);
        return done.Saved ? done : null;
    }

    private async Task CancelAsync(MeetingCancellation cancellation, DateOnly today, BoardSyncResult result, CancellationToken cancellationToken)
    {
        var record = cancellation.Record.Value;
        try
        {
            if (record.GraphEventId is { } eventId)
            {
                var outcome = await _gateway.CancelFromAsync(record.Organiser, eventId, today, CancelComment, cancellationToken).ConfigureAwait(false);
                LogEventCancelled(_logger, record.Body.Value, record.Key, outcome);
            }

            var saved = await _store.SaveAsync(
                record with { State = BoardMeetingState.Cancelled, UpdatedAt = _time.GetUtcNow() },
                cancellation.Record.Version,
                cancellationToken).ConfigureAwait(false);
            if (saved.Saved)
            {
                result.Count(BoardMeetingAction.Cancel);
            }
            else
            {
                result.Conflict($"{record.Body} {record.Key}: changed by another sync; left for the next run");
            }
        }
        catch (CalendarRequestException e)
        {
            LogEventFailed(_logger, e, record.Body.Value, record.Key, e.Operation, e.Status);
            result.Fail($"{record.Body} {record.Key}: {e.Message}");
        }
    }

    private BoardMeetingRecord Created(PlannedMeeting meeting, string transactionId, string eventId) => new(
        meeting.ScheduleId,
        meeting.Key,
        meeting.Organiser,
        transactionId,
        eventId,
        BoardMeetingState.Created,
        meeting.AttendeeAddresses,
        meeting.Fingerprint,
        _time.GetUtcNow());

    private static void Track(WriteResult saved, PlannedMeeting meeting, BoardSyncResult result, BoardMeetingAction action)
    {
        if (saved.Saved)
        {
            result.Count(action);
        }
        else
        {
            result.Conflict($"{meeting.ScheduleId} {meeting.Key}: changed by another sync; left for the next run");
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Meetings file problem at line {Line}, {Path}.{Field}: the schedule is left as it is in calendars")]
    private static partial void LogScheduleProblem(ILogger logger, int line, string path, string field);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Calendar request {Operation} for {ScheduleId} {Key} failed with HTTP {Status}")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string scheduleId, string key, string operation, int status);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Calendar event of {ScheduleId} {Key} was deleted by hand; creating it again")]
    private static partial void LogEventMissing(ILogger logger, string scheduleId, string key);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Calendar event of {ScheduleId} {Key} taken out of the schedule: {Outcome}")]
    private static partial void LogEventCancelled(ILogger logger, string scheduleId, string key, CancelOutcome outcome);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Meetings sync: {Created} created, {Updated} updated, {Unchanged} unchanged, {Cancelled} cancelled, {Recreated} recreated, {Failed} failed, {Problems} schedule problems")]
    private static partial void LogSyncFinished(ILogger logger, int created, int updated, int unchanged, int cancelled, int recreated, int failed, int problems);
}
