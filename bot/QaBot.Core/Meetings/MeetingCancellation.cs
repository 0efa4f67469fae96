
namespace QaBot.Core.Meetings;

/// <summary>A calendar event QaBot made whose meeting is no longer in the schedule (or whose area has gone).</summary>
/// <param name="Name">The body's or duty's name where the schedule still knows it; otherwise the schedule id.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record MeetingCancellation(Versioned<BoardMeetingRecord> Record, string Name, string Reason);
