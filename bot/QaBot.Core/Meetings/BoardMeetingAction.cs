namespace QaBot.Core.Meetings;

/// <summary>What a sync does to one calendar event.</summary>
public enum BoardMeetingAction
{
    /// <summary>Nothing to change; the sync only checks that the event is still there.</summary>
    Unchanged,

    Create,

    /// <summary>Change the event in place (PATCH): the attendees only, or everything when the time, subject or recurrence changed.</summary>
    Update,

    /// <summary>The meeting left the schedule: future meetings are cancelled, past ones stay in calendars.</summary>
    Cancel,
}
