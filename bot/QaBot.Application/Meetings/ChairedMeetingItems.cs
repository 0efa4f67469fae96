using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation;
using QaBot.Application.Sync;
using QaBot.Application.Tracking;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Meetings;

/// <summary>
/// Chairs are reminded of each meeting they chair (docs/boards.md): for a duty a role chairs whose meetings the
/// meetings file schedules, the chair's item is due on each meeting's date from the same plan that puts the meetings
/// in calendars, reminded the working day before and on the day, and answered held, moved or cancelled. From the day
/// the meetings start, the duty's calendar rhythm makes no more items, and those it made already are closed as replaced.
/// </summary>
public sealed class ChairedMeetingItems
{
    private readonly BoardMeetingSync _meetings;
    private readonly ITrackingStore _tracking;
    private readonly ScheduleRules _rules;
    private readonly FrameworkCatalogue _catalogue;
    private readonly ICalendarGateway _calendars;
    private readonly IDirectoryStore _directory;
    private readonly IGraphConnection _graph;
    private readonly GraphSyncOptions _options;

    public ChairedMeetingItems(BoardMeetingSync meetings, ITrackingStore tracking, IDirectoryStore directory, ScheduleRules rules, FrameworkCatalogue catalogue, ICalendarGateway calendars, IGraphConnection graph, IOptions<GraphSyncOptions> options)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _calendars = calendars ?? throw new ArgumentNullException(nameof(calendars));
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _meetings = meetings ?? throw new ArgumentNullException(nameof(meetings));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
    }

    /// <summary>
    /// The chaired meetings the nightly sync puts in calendars, planned from <paramref name="from"/> over the sync's own
    /// window (<see cref="GraphSyncOptions.MeetingHorizon"/>), so a schedule the sync holds back is held back here too.
    /// None while meetings do not reach calendars (Graph not configured, or no organiser mailboxes) or the meetings file
    /// cannot be read: chairs then stay on their duties' calendar rhythm.
    /// </summary>
    public async Task<ChairedMeetingPlan> PlanAsync(DateOnly from, CancellationToken cancellationToken)
    {
        if (!_graph.IsConfigured || _options.OrganiserMailboxes.Count == 0)
        {
            return ChairedMeetingPlan.None;
        }

        var loaded = _meetings.LoadSchedules();
        if (!loaded.IsValid)
        {
            return ChairedMeetingPlan.None;
        }

        var plan = await _meetings.PlanAsync(loaded.Schedules, from, null, cancellationToken).ConfigureAwait(false);
        return ChairedMeetingPlan.From(plan, loaded.Schedules, _catalogue, _rules.Calendar);
    }

    /// <summary>
    /// The chairs' items of the meetings from the day of <paramref name="at"/> on: due on the meeting's date (it can be recorded
    /// held from that day), reminded the working day before and on the day at the usual reminder time.
    /// </summary>
    public IReadOnlyList<TrackedItem> ItemsFor(ChairedMeetingPlan plan, OrganisationChart chart, DateTimeOffset at, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(chart);
        var today = _rules.Calendar.LocalDateOf(at);
        var items = new List<TrackedItem>();
        foreach (var meeting in plan.Meetings.Where(m => m.Date >= today && m.Date <= until))
        {
            if (chart.Find(meeting.Chair) is not { Active: true } chair)
            {
                continue;
            }

            var occurrence = new Occurrence(meeting.ItemId, meeting.Duty, chair.Id, meeting.Date, meeting.Date, meeting.Date, RemindersFor(meeting.Date, at), null, Provisional: false);
            items.Add(TrackedItem.FromOccurrence(occurrence, chair.HomeArea, at, Actor.System("meetings")) with { Note = meeting.Note });
        }

        return items;
    }

    /// <summary>A meeting's reminders: the working day before and the day itself, at the usual time, those still to come.</summary>
    private List<DateTimeOffset> RemindersFor(DateOnly date, DateTimeOffset at) =>
        [.. new[] { _rules.Calendar.AddWorkingDays(date, -1), date }
            .Select(day => _rules.Calendar.ToInstant(day, _rules.Policy.ReminderTime))
            .Where(instant => instant > at)];

    /// <summary>
    /// Moves the meeting of <paramref name="item"/> (a chair's meeting item, just moved on its card to
    /// <paramref name="newDate"/>) in everyone's calendar: the series' meeting that day, or the single meeting, at the
    /// same time on the new date. The rest of the series stays as it is. Another chair of the same meeting has their item
    /// moved with it, recorded as moved by <paramref name="by"/> (<paramref name="byName"/>).
    /// </summary>
    public async Task<MeetingMove> MoveInCalendarsAsync(TrackedItem item, DateOnly newDate, PersonId by, string byName, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!ChairedMeeting.IsMeetingItem(item.Id, item.Duty))
        {
            return MeetingMove.NotInCalendars;
        }

        try
        {
            var loaded = _meetings.LoadSchedules();
            if (!loaded.IsValid)
            {
                return MeetingMove.NotInCalendars;
            }

            // The meeting's own date is the item's first day: a move changes only its due date.
            var date = item.WindowFrom;
            var plan = await _meetings.PlanAsync(loaded.Schedules, date, date, cancellationToken).ConfigureAwait(false);
            var byId = loaded.Schedules.Meetings.ToDictionary(s => s.Id);
            var planned = plan.Meetings.FirstOrDefault(m => m.Occurrences.Contains(date)
                && byId.TryGetValue(m.ScheduleId, out var schedule) && ChairedMeetingPlan.ChairedDuty(schedule, _catalogue)?.Id == item.Duty
                && m.Event.Attendees.Any(a => a.Chair && a.Person == item.Owner));
            if (planned is not null)
            {
                await MoveOtherChairsAsync(planned, item, newDate, by, byName, at, origin, cancellationToken).ConfigureAwait(false);
            }

            if (planned?.Existing?.Value is not { GraphEventId: { } eventId } record)
            {
                return MeetingMove.NotInCalendars;
            }

            return await _calendars.MoveMeetingAsync(record.Organiser, eventId, date, newDate.ToDateTime(planned.Event.Time), planned.Event.Duration, planned.Event.TimeZone, cancellationToken).ConfigureAwait(false)
                ? MeetingMove.Moved
                : MeetingMove.NotInCalendars;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The move is recorded on the item already: the calendar is left as it was, and the chair is told.
            return MeetingMove.Failed;
        }
    }

    /// <summary>The other chairs' items of the meeting <paramref name="item"/> moved: moved to the same day, once.</summary>
    private async Task MoveOtherChairsAsync(PlannedMeeting planned, TrackedItem item, DateOnly newDate, PersonId by, string byName, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        foreach (var chair in planned.Event.Attendees.Where(a => a.Chair && a.Person is { } p && p != item.Owner).Select(a => a.Person!.Value))
        {
            if (await _directory.GetPersonAsync(chair, cancellationToken).ConfigureAwait(false) is not { Active: true } other)
            {
                continue;
            }

            var id = ChairedMeeting.ItemFor(item.Duty, item.WindowFrom, other.Id);
            var reply = new ItemReply($"meeting.moved.{id.Value}.{newDate:yyyy-MM-dd}", id, ReplyKind.Rescheduled, by, at, newDate, $"Moved by {byName}, who also chairs it", origin);
            await _tracking.UpdateAsync(
                new ItemKey(other.HomeArea, id),
                current => current.IsOutstanding && current.EffectiveDue != newDate ? ItemTransitions.Reply(current, reply, RemindersFor(newDate, at)) : null,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes, as replaced by the meetings, each chair's open items of a chaired duty that the duty's calendar rhythm
    /// made due within the span their meetings cover; and, up to <paramref name="until"/>, their meeting items for
    /// meetings the plan no longer has (the day or time changed, the entry was taken out) that they have not moved
    /// themselves. Run again, it closes nothing twice.
    /// </summary>
    public async Task<int> CloseReplacedAsync(ChairedMeetingPlan plan, OrganisationChart chart, DateTimeOffset at, DateOnly until, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(chart);
        var today = _rules.Calendar.LocalDateOf(at);
        var planned = plan.Meetings.Select(m => m.ItemId).ToHashSet();
        var closed = 0;
        foreach (var chair in plan.Chairs.Keys.Select(k => k.Chair).Distinct())
        {
            if (chart.Find(chair) is not { Active: true } person)
            {
                continue;
            }

            bool Stale(TrackedItem i) => i.Status == ItemStatus.Open && i.WindowFrom >= today && i.WindowFrom <= until
                && plan.Chairs.ContainsKey((i.Duty, person.Id)) && !planned.Contains(i.Id);
            var replaced = (await _tracking.GetOpenItemsAsync(person, cancellationToken).ConfigureAwait(false))
                .Where(i => i.Owner == person.Id && (ChairedMeeting.IsMeetingItem(i.Id, i.Duty) ? Stale(i) : plan.Replaces(i.Duty, person.Id, i.Due)));
            foreach (var item in replaced)
            {
                var updated = await _tracking.UpdateAsync(item.Key, current => ItemTransitions.CloseAsReplacedByMeetings(current, at, origin), cancellationToken).ConfigureAwait(false);
                closed += updated.Status == ItemUpdateStatus.Updated ? 1 : 0;
            }
        }

        return closed;
    }
}

/// <summary>What moving a chaired meeting in calendars did.</summary>
public enum MeetingMove
{
    /// <summary>Moved in everyone's calendar.</summary>
    Moved,

    /// <summary>QaBot has no calendar event for it (not synced yet, or deleted by hand): nothing to move.</summary>
    NotInCalendars,

    /// <summary>Microsoft Graph refused or could not be reached: the calendar is unchanged.</summary>
    Failed,
}
