using System.Globalization;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Core.Meetings;

/// <summary>
/// One meeting a person chairs under a duty of the framework (<c>meeting: chair</c>) on a date the meetings plan puts
/// in calendars: the chair's item for it is due that day (docs/boards.md, "Chairs are reminded of each meeting").
/// </summary>
/// <param name="Subject">The calendar subject, as the invitation shows it.</param>
public sealed record ChairedMeeting(DutyId Duty, PersonId Chair, DateOnly Date, TimeOnly Time, string Subject)
{
    /// <summary>
    /// The chair's item for the meeting: <c>{duty}.meeting-{yyyy-MM-dd}.{person}</c>, one per chair, duty and date, so the
    /// daily run makes it once however often it plans.
    /// </summary>
    public OccurrenceId ItemId => ItemFor(Duty, Date, Chair);

    /// <summary>"QA &amp; Transformation Board, Tue 5 Jan 2027 at 10:00": what the chair's item says.</summary>
    public string Note => $"{Subject}, {UkDates.Format(Date)} at {Time.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    public static OccurrenceId ItemFor(DutyId duty, DateOnly date, PersonId chair) =>
        new(string.Concat(duty.Value, ".meeting-", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ".", chair.Value));

    /// <summary>Whether <paramref name="item"/> is a chaired meeting's item (<see cref="ItemFor"/>) rather than one of the calendar's.</summary>
    public static bool IsMeetingItem(OccurrenceId item, DutyId duty)
    {
        var prefix = duty.Value + ".meeting-";
        var value = item.Value;
        return value.Length > prefix.Length + 11 && value.StartsWith(prefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(value.AsSpan(prefix.Length, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && value[prefix.Length + 10] == '.';
    }
}

/// <summary>
/// The chaired meetings a meetings plan puts in calendars, and for each chair of a duty whose meetings it schedules
/// the span their meetings cover (the schedule's <c>from</c> to its <c>until</c>): within it the chair is reminded of
/// each meeting rather than on the duty's calendar rhythm. Anyone else holding the duty (a chair whose schedule the
/// plan holds back, a vacant post's stand-in) stays on the rhythm.
/// </summary>
public sealed record ChairedMeetingPlan(IReadOnlyList<ChairedMeeting> Meetings, IReadOnlyDictionary<(DutyId Duty, PersonId Chair), ChairedSpan> Chairs)
{
    public static ChairedMeetingPlan None { get; } = new([], new Dictionary<(DutyId, PersonId), ChairedSpan>());

    /// <summary>
    /// Reads <paramref name="plan"/>: each planned event of a schedule that is a duty a role chairs (a body whose chairing
    /// is a duty, or a duty's own meetings), each of its dates, each chair in the directory. A schedule the plan holds
    /// back (a clash, a problem in the file) is not in it, so its chairs stay on the calendar rhythm.
    /// </summary>
    public static ChairedMeetingPlan From(BoardPlan plan, MeetingScheduleSet schedules, FrameworkCatalogue catalogue, CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(calendar);
        var byId = schedules.Meetings.ToDictionary(s => s.Id);
        var meetings = new List<ChairedMeeting>();
        var chairs = new Dictionary<(DutyId, PersonId), ChairedSpan>();
        foreach (var planned in plan.Meetings)
        {
            if (!byId.TryGetValue(planned.ScheduleId, out var schedule) || ChairedDuty(schedule, catalogue) is not { } duty)
            {
                continue;
            }

            var time = TimeOnly.FromDateTime(calendar.ToLocalTime(planned.Start).DateTime);
            foreach (var chair in planned.Event.Attendees.Where(a => a.Chair && a.Person is not null).Select(a => a.Person!.Value))
            {
                var span = new ChairedSpan(schedule.From, schedule.Until);
                chairs[(duty.Id, chair)] = chairs.TryGetValue((duty.Id, chair), out var other) ? other.Union(span) : span;
                meetings.AddRange(planned.Occurrences.Select(date => new ChairedMeeting(duty.Id, chair, date, time, planned.Event.Subject)));
            }
        }

        return new ChairedMeetingPlan([.. meetings.DistinctBy(m => m.ItemId)], chairs);
    }

    /// <summary>The duty a schedule's chair owes for it: the duty's own meetings, or the body's chairing duty; none when no duty is a meeting chaired.</summary>
    public static Duty? ChairedDuty(MeetingSchedule schedule, FrameworkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(catalogue);
        var duty = schedule.Duty is { } id
            ? catalogue.FindDuty(id)
            : catalogue.Duties.FirstOrDefault(d => d.Body == schedule.Body && d.Meeting == MeetingPart.Chair);
        return duty is { Meeting: MeetingPart.Chair } ? duty : null;
    }

    /// <summary>Whether <paramref name="person"/>'s calendar occurrence of <paramref name="duty"/> due on <paramref name="due"/> gives way to the meetings they chair.</summary>
    public bool Replaces(DutyId duty, PersonId person, DateOnly due) => Chairs.TryGetValue((duty, person), out var span) && span.Covers(due);
}

/// <summary>The days a chair's meetings cover: from the schedule's first day to its last, if it has one.</summary>
public readonly record struct ChairedSpan(DateOnly From, DateOnly? Until)
{
    public bool Covers(DateOnly day) => day >= From && (Until is not { } until || day <= until);

    /// <summary>The span covering both (a chair of two schedules of one duty).</summary>
    public ChairedSpan Union(ChairedSpan other) => new(
        From < other.From ? From : other.From,
        Until is { } a && other.Until is { } b ? (a > b ? a : b) : null);
}
