using QaBot.Core.Framework;

namespace QaBot.Core.Meetings;

/// <summary>
/// One calendar event (a series, or a single meeting) as the schedule and the directory say it should be, and what a
/// sync would do to bring the calendar in line.
/// </summary>
/// <param name="ScheduleId">The schedule the event belongs to (a body's id, or a duty's meetings' own id).</param>
/// <param name="Key">The event within the schedule: <c>series</c>, <c>series-2</c>, or a half-term (<c>2026-27-ht1</c>), after the area's id for per-area meetings.</param>
/// <param name="Name">The body's name or the duty's task, for people reading the plan.</param>
/// <param name="Start">The first (or only) meeting's start.</param>
/// <param name="Provisional">True when the date comes from provisional school term dates.</param>
/// <param name="Occurrences">The meeting dates inside the plan's window.</param>
/// <param name="Changes">For an update: what changes, in words (attendees added and removed, details).</param>
/// <param name="Replaces">For a create that moves a meeting to another organiser: the event to cancel first.</param>
public sealed record PlannedMeeting(
    BoardMeetingAction Action,
    BodyId ScheduleId,
    string Key,
    string Name,
    string Organiser,
    CalendarEventSpec Event,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Provisional,
    IReadOnlyList<DateOnly> Occurrences,
    string TransactionId,
    string Fingerprint,
    Versioned<BoardMeetingRecord>? Existing,
    IReadOnlyList<string> Changes,
    BoardMeetingRecord? Replaces)
{
    /// <summary>True when only the attendees differ from what was last sent.</summary>
    public bool AttendeesOnly { get; init; }

    /// <summary>The attendees' addresses as stored: lower case, sorted.</summary>
    public IReadOnlyList<string> AttendeeAddresses =>
        [.. Event.Attendees.Select(a => a.Address.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)];
}
