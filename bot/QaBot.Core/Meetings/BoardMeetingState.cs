namespace QaBot.Core.Meetings;

public enum BoardMeetingState
{
    /// <summary>Planned; no calendar event yet (or its creation is in flight under <see cref="BoardMeetingRecord.TransactionId"/>).</summary>
    Planned,

    /// <summary>The calendar event exists with <see cref="BoardMeetingRecord.GraphEventId"/>.</summary>
    Created,

    /// <summary>The body was removed and its event cancelled.</summary>
    Cancelled,
}
