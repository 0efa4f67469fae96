namespace QaBot.Core.Meetings;

/// <summary>
/// Everything QaBot writes to a calendar event: a Teams meeting on <see cref="Date"/> at <see cref="Time"/> in
/// <see cref="TimeZone"/> (an IANA zone, the council calendar's), lasting <see cref="Duration"/>, once or as a series.
/// </summary>
public sealed record CalendarEventSpec(
    string Subject,
    string BodyText,
    DateOnly Date,
    TimeOnly Time,
    TimeSpan Duration,
    string TimeZone,
    MeetingRecurrence? Recurrence,
    IReadOnlyList<MeetingAttendee> Attendees);
