using QaBot.Core.Framework;

namespace QaBot.Core.Meetings;

/// <summary>
/// What QaBot has put in calendars for a board or group: one record per series (or per single event when the rhythm
/// cannot be a Graph recurrence).
/// </summary>
/// <param name="Key">The series or event within the body: <c>series</c>, or the event's local date <c>2026-02-24</c>.</param>
/// <param name="TransactionId">Sent with the create request so a retried create cannot make a second event.</param>
/// <param name="Attendees">The attendees' addresses as last sent to Graph, sorted, to tell when a PATCH is needed.</param>
/// <param name="Fingerprint">A hash of everything else last sent (subject, times, recurrence), for the same purpose.</param>
public sealed record BoardMeetingRecord(
    BodyId Body,
    string Key,
    string Organiser,
    string TransactionId,
    string? GraphEventId,
    BoardMeetingState State,
    IReadOnlyList<string> Attendees,
    string Fingerprint,
    DateTimeOffset UpdatedAt);
