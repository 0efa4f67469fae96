using Microsoft.Extensions.Logging;
using QaBot.Application.Configuration;
using QaBot.Application.Delivery;
using QaBot.Application.Assurance;
using QaBot.Application.Meetings;
using QaBot.Application.Organisation;
using QaBot.Application.Organisation.Leave;
using QaBot.Application.Tracking;
using QaBot.Core.Meetings;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Reminders;

/// <summary>
/// The reminder run: the timer's one call. It covers the time since the last run that finished, (covered, now]:
/// finishes index writes a stopped process left part-done, creates the obligations of the coming weeks (once a
/// local day), works out who gets a digest (<see cref="ReminderPlanner"/>), and puts one message per person on the
/// queue, with a send-ledger entry each. Only then does it move "covered up to" on, so a run that dies is finished by
/// the next one with the same run id (the ledger stops anyone being queued twice), and a run after downtime covers
/// everything missed, once.
/// </summary>
public sealed partial class ReminderRunner
{
    private const int QueueParallelism = 16;

    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly OrganisationPolicy _policy;
    private readonly ScheduleEngine _engine;
    private readonly ISendLedger _ledger;
    private readonly IDigestOutbox _queue;
    private readonly IReminderRunStore _runs;
    private readonly RemindersOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AnnualProgrammes? _programmes;
    private readonly ChairedMeetingItems? _meetings;

    public ReminderRunner(
        ITrackingStore tracking,
        IDirectoryStore directory,
        OrganisationPolicy policy,
        ScheduleEngine engine,
        ISendLedger ledger,
        IDigestOutbox queue,
        IReminderRunStore runs,
        RemindersOptions options,
        TimeProvider time,
        ILogger<ReminderRunner> logger,
        AnnualProgrammes? programmes = null,
        ChairedMeetingItems? meetings = null)
    {
        _programmes = programmes;
        _meetings = meetings;
        _tracking = tracking;
        _directory = directory;
        _policy = policy;
        _engine = engine;
        _ledger = ledger;
        _queue = queue;
        _runs = runs;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs the reminder run as of <paramref name="now"/> (the timer's time, or <c>qabot tick --at</c>).</summary>
    public async Task<RunOutcome> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        await _tracking.RepairAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        await _queue.CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);

        var completed = new List<ReminderRun>();
        while (true)
        {
            var (state, version) = await _runs.GetStateAsync(cancellationToken).ConfigureAwait(false);
            var claim = await ClaimAsync(state, version, now, cancellationToken).ConfigureAwait(false);
            if (claim is null)
            {
                var kind = completed.Count > 0 ? RunOutcomeKind.Completed
                    : state.CurrentRunId is not null ? RunOutcomeKind.Busy
                    : RunOutcomeKind.NothingNew;
                if (kind == RunOutcomeKind.NothingNew)
                {
                    LogNothingNew(state.CoveredUpTo ?? now);
                }

                return new RunOutcome(kind, completed);
            }

            var (run, claimedState, claimedVersion) = claim.Value;
            completed.Add(await ExecuteAsync(run, claimedState, claimedVersion, cancellationToken).ConfigureAwait(false));
            if (run.To >= now)
            {
                return new RunOutcome(RunOutcomeKind.Completed, completed);
            }
        }
    }

    /// <summary>Takes the run to do: one that died part-way (resumed as it was), else a new one for (covered, now]. Null when there is none, or another run holds the lease.</summary>
    private async Task<(ReminderRun Run, SchedulerState State, string Version)?> ClaimAsync(SchedulerState state, string? version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var realNow = _time.GetUtcNow();
        ReminderRun run;
        if (state.CurrentRunId is { } currentId && await _runs.GetRunAsync(currentId, cancellationToken).ConfigureAwait(false) is { } current)
        {
            if (current.State == RunState.Planning && current.LeaseUntil > realNow)
            {
                LogBusy(current.RunId, current.LeaseUntil);
                return null;
            }

            LogResuming(current.RunId, current.State);
            run = current with { State = RunState.Planning, LeaseUntil = realNow + _options.RunLease, Problem = null };
        }
        else
        {
            var from = state.CoveredUpTo ?? now - _options.FirstRunLookback;
            if (now <= from)
            {
                return null;
            }

            var truncated = false;
            if (now - from > _options.MaxCatchUp)
            {
                LogCatchUpTruncated(from, now - _options.MaxCatchUp);
                from = now - _options.MaxCatchUp;
                truncated = true;
            }

            var id = RunIdFor(now);
            run = new ReminderRun(id, from, now, RunState.Planning, realNow, null, realNow + _options.RunLease, 0, 0, truncated, null);
        }

        var claimed = state with { CurrentRunId = run.RunId };
        var saved = await _runs.SaveStateAsync(claimed, version, cancellationToken).ConfigureAwait(false);
        if (!saved.Saved)
        {
            LogBusy(run.RunId, realNow);
            return null;
        }

        await _runs.SaveRunAsync(run, cancellationToken).ConfigureAwait(false);
        return (run, claimed, saved.Version!);
    }

    private async Task<ReminderRun> ExecuteAsync(ReminderRun run, SchedulerState state, string version, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RunId"] = run.RunId });
        LogStarted(run.RunId, run.From, run.To);
        try
        {
            var calendar = _engine.Calendar;
            var today = calendar.LocalDateOf(run.To);
            var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
            var chart = snapshot.ToChart(_policy);

            var created = 0;
            if (state.MaterialisedOn != today)
            {
                created = await MaterialiseAsync(chart, today, run.RunId, cancellationToken).ConfigureAwait(false);
                if (_programmes is not null)
                {
                    // An entry whose item a stopped addition did not make gets it now, once.
                    created += await _programmes.MakeMissingItemsAsync(chart, _time.GetUtcNow(), new AuditOrigin("scheduler", run.RunId), cancellationToken).ConfigureAwait(false);
                }
                await MoveForLeaveAsync(chart, today, run.RunId, cancellationToken).ConfigureAwait(false);
            }

            var reminders = await _tracking.GetDueForReminderAsync(run.From, run.To, cancellationToken).ConfigureAwait(false);
            var days = ReminderPlanner.ReminderDays(calendar, _engine.Policy.ReminderTime, run.From, run.To);
            var outstanding = new List<TrackedItem>();
            if (days is var (_, last) && chart.Areas.Root is { } root)
            {
                outstanding.AddRange(await _tracking.GetOutstandingAsync(root.Id, _engine.Rules.OverdueDueBefore(last), cancellationToken).ConfigureAwait(false));
            }

            var asOf = days?.Last ?? today;
            var lines = EscalationLines.Build(chart, asOf);
            var recipients = ReminderPlanner.Recipients(reminders, outstanding, chart, lines, _engine.Rules, days);
            var queued = await QueueAsync(run, recipients, asOf, cancellationToken).ConfigureAwait(false);

            var finished = run with
            {
                State = RunState.Queued,
                FinishedAt = _time.GetUtcNow(),
                Digests = recipients.Count,
                ItemsCreated = run.ItemsCreated + created,
            };
            await _runs.SaveRunAsync(finished, cancellationToken).ConfigureAwait(false);
            var done = state with
            {
                CoveredUpTo = state.CoveredUpTo is { } covered && covered > run.To ? covered : run.To,
                LastSuccessfulRunId = run.RunId,
                LastSuccessfulAt = finished.FinishedAt,
                MaterialisedOn = today,
                CurrentRunId = null,
            };
            var saved = await _runs.SaveStateAsync(done, version, cancellationToken).ConfigureAwait(false);
            if (!saved.Saved)
            {
                throw new InvalidOperationException($"The scheduler state changed while run {run.RunId} held it.");
            }

            LogFinished(run.RunId, recipients.Count, queued, created);
            return finished;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRunFailed(e, run.RunId);
            await _runs.SaveRunAsync(run with { State = RunState.Failed, FinishedAt = _time.GetUtcNow(), Problem = Describe(e) }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<int> MaterialiseAsync(OrganisationChart chart, DateOnly today, string runId, CancellationToken cancellationToken)
    {
        var window = _engine.Window(today.AddDays(-_options.LookbackDays), today.AddDays(_options.HorizonDays));
        var occurrences = new List<Occurrence>();
        foreach (var holding in ReminderPlanner.Holdings(chart, _engine, today))
        {
            window.AddOccurrences(holding, occurrences);
        }

        // A duty a role chairs whose meetings are in calendars is due at each meeting, not on its calendar rhythm.
        var meetings = await PlanMeetingsAsync(today, runId, cancellationToken).ConfigureAwait(false);
        var at = _time.GetUtcNow();
        var items = occurrences
            .Where(o => !meetings.Replaces(o.DutyId, o.PersonId, o.Due))
            .DistinctBy(o => o.Id)
            .Select(o => TrackedItem.FromOccurrence(o, chart.Find(o.PersonId)!.HomeArea, at, Actor.System("scheduler")))
            .ToList();
        foreach (var (holding, standIn) in ReminderPlanner.VacantPosts(chart, _engine, today))
        {
            var vacant = new List<Occurrence>();
            window.AddOccurrences(holding, vacant);
            items.AddRange(vacant.Where(o => o.Due >= holding.Since.AddDays(_options.HorizonDays) && !meetings.Replaces(o.DutyId, o.PersonId, o.Due)).Select(o => TrackedItem.FromOccurrence(o, standIn.HomeArea, at, Actor.System("scheduler")) with { Owner = standIn.Id, ReassignedFrom = holding.Person }));
        }

        var origin = new AuditOrigin("scheduler", runId);
        if (_meetings is not null)
        {
            items.AddRange(_meetings.ItemsFor(meetings, chart, at, today.AddDays(_options.HorizonDays)));
        }

        var created = await _tracking.AddIfAbsentAsync(items, origin, cancellationToken).ConfigureAwait(false);
        if (_meetings is not null)
        {
            await _meetings.CloseReplacedAsync(meetings, chart, at, today.AddDays(_options.HorizonDays), origin, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>The chaired meetings in the horizon; none (the calendar rhythm stands) when the meetings plan cannot be worked out today.</summary>
    private async Task<ChairedMeetingPlan> PlanMeetingsAsync(DateOnly today, string runId, CancellationToken cancellationToken)
    {
        if (_meetings is null)
        {
            return ChairedMeetingPlan.None;
        }

        try
        {
            return await _meetings.PlanAsync(today, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMeetingsUnplanned(e, runId);
            return ChairedMeetingPlan.None;
        }
    }

    /// <summary>Items just created that fall due while their owner is away without a cover move to the day they return.</summary>
    private async Task MoveForLeaveAsync(OrganisationChart chart, DateOnly today, string runId, CancellationToken cancellationToken)
    {
        var leave = new LeaveRegister(_directory, _tracking, _engine);
        var origin = new AuditOrigin("scheduler", runId);
        var moved = 0;
        foreach (var absence in chart.Absences.All.Where(a => a.Cover is null && a.To >= today))
        {
            if (chart.Find(absence.Person) is { Active: true } person)
            {
                moved += await leave.MoveItemsAsync(person, absence, _time.GetUtcNow(), origin, cancellationToken).ConfigureAwait(false);
            }
        }

        if (moved > 0)
        {
            LogMovedForLeave(runId, moved);
        }
    }

    /// <summary>
    /// Creates each person's ledger entry and queues their digest, <see cref="RemindersOptions.DigestsPerMessage"/> to a
    /// message; someone already queued by a run that died is not queued again. Returns the digests queued.
    /// </summary>
    private async Task<int> QueueAsync(ReminderRun run, IReadOnlyList<PersonId> recipients, DateOnly asOf, CancellationToken cancellationToken)
    {
        var queued = 0;
        var now = _time.GetUtcNow();
        var perMessage = Math.Clamp(_options.DigestsPerMessage, 1, DigestBundle.MaxPeople);
        var messagesAtOnce = Math.Max(4, QueueParallelism / perMessage);
        await Parallel.ForEachAsync(recipients.Chunk(perMessage), new ParallelOptions { MaxDegreeOfParallelism = messagesAtOnce, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            var toQueue = await Task.WhenAll(chunk.Select(person => NeedsQueueingAsync(new DigestMessage(run.RunId, person, asOf), now, ct))).ConfigureAwait(false);
            var people = chunk.Where((_, i) => toQueue[i]).ToList();
            if (people.Count > 0)
            {
                await _queue.EnqueueAsync(new DigestBundle(run.RunId, asOf, people), ct).ConfigureAwait(false);
                Interlocked.Add(ref queued, people.Count);
            }
        }).ConfigureAwait(false);
        return queued;
    }

    /// <summary>
    /// Creates the digest's ledger entry. A Pending entry found again may or may not have reached the queue before the
    /// run died: it is queued (again), and the sender skips whatever the ledger shows as done.
    /// </summary>
    private async Task<bool> NeedsQueueingAsync(DigestMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = await _ledger.CreateAsync(new SendRecord(message.Key, SendState.Pending, 0, null, null, null, [], false, now, now), cancellationToken).ConfigureAwait(false);
        if (created.Saved)
        {
            return true;
        }

        var existing = await _ledger.GetAsync(message.Key, cancellationToken).ConfigureAwait(false);
        return existing is null || existing.Value.State == SendState.Pending;
    }

    /// <summary>Run ids sort by time and are valid ledger partition keys.</summary>
    public static string RunIdFor(DateTimeOffset now) =>
        "run-" + now.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A short description for operators: the kind of failure, never data.</summary>
    private static string Describe(Exception e) => e switch
    {
        TimeoutException => "Storage did not answer in time.",
        _ => e.GetType().Name + " during the run (see the logs, event 6005).",
    };

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Reminder run {RunId} covers {From:u} to {To:u}")]
    private partial void LogStarted(string runId, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Reminder run {RunId} queued {Digests} digests ({Queued} messages), created {Created} items")]
    private partial void LogFinished(string runId, int digests, int queued, int created);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Reminder run: nothing new; everything up to {CoveredUpTo:u} is covered")]
    private partial void LogNothingNew(DateTimeOffset coveredUpTo);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Reminder run {RunId} is in progress elsewhere (lease until {LeaseUntil:u}); this one stops")]
    private partial void LogBusy(string runId, DateTimeOffset leaseUntil);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "Reminder run {RunId} failed; the next run starts it again")]
    private partial void LogRunFailed(Exception exception, string runId);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Reminder run resumes run {RunId}, left {State}")]
    private partial void LogResuming(string runId, RunState state);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Reminder run {RunId} moved {Moved} items falling due while their owners are away")]
    private partial void LogMovedForLeave(string runId, int moved);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Reminders were last covered up to {CoveredUpTo:u}, longer ago than Reminders:MaxCatchUp; catching up from {From:u} only")]
    private partial void LogCatchUpTruncated(DateTimeOffset coveredUpTo, DateTimeOffset from);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Warning, Message = "Reminder run {RunId} could not work out the meetings plan; chaired duties stay on their calendar rhythm today")]
    private partial void LogMeetingsUnplanned(Exception exception, string runId);
}
