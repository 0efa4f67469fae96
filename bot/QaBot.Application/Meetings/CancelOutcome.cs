namespace QaBot.Application.Meetings;

public enum CancelOutcome
{
    /// <summary>Cancelled: attendees were sent the cancellation.</summary>
    Cancelled,

    /// <summary>A series that had begun now ends before today; its past meetings stay in calendars.</summary>
    Ended,

    /// <summary>A single meeting already held: left alone.</summary>
    AlreadyHeld,

    /// <summary>The event was no longer in the calendar.</summary>
    Gone,
}
