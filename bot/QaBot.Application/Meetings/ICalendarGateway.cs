using QaBot.Core.Meetings;

namespace QaBot.Application.Meetings;

/// <summary>
/// The organiser mailboxes' calendars (Microsoft Graph in production). Every call names the organiser mailbox. A call
/// the service refuses throws <see cref="CalendarRequestException"/>; an event that no longer exists is a value.
/// </summary>
public interface ICalendarGateway
{
    /// <summary>Creates the event (a Teams meeting) and returns its id. The same <paramref name="transactionId"/> never makes a second event.</summary>
    Task<string> CreateEventAsync(string organiser, CalendarEventSpec spec, string transactionId, CancellationToken cancellationToken = default);

    /// <summary>Changes the event: only its attendees when <paramref name="attendeesOnly"/>, otherwise everything. False when the event no longer exists.</summary>
    Task<bool> UpdateEventAsync(string organiser, string eventId, CalendarEventSpec spec, bool attendeesOnly, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves one meeting of the event to <paramref name="newStart"/> (for <paramref name="duration"/>, in the IANA zone
    /// <paramref name="timeZone"/>): the series' meeting on <paramref name="meetingDate"/>, or the single meeting itself; the rest
    /// of a series stays as it is. False when the event, or a meeting of it on that date, is no longer in the calendar.
    /// </summary>
    Task<bool> MoveMeetingAsync(string organiser, string eventId, DateOnly meetingDate, DateTime newStart, TimeSpan duration, string timeZone, CancellationToken cancellationToken = default);

    /// <summary>True when the event is still in the organiser's calendar and not cancelled.</summary>
    Task<bool> EventExistsAsync(string organiser, string eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the event out of calendars from <paramref name="today"/> on: a series that has begun ends before today
    /// (its past meetings stay as a record); a series or single meeting still to come is cancelled, with
    /// <paramref name="comment"/> sent to the attendees; a single meeting in the past is left alone.
    /// </summary>
    Task<CancelOutcome> CancelFromAsync(string organiser, string eventId, DateOnly today, string comment, CancellationToken cancellationToken = default);
}
