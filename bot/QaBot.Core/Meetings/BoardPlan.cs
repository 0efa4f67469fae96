using QaBot.Core.Framework;

namespace QaBot.Core.Meetings;

/// <summary>
/// What a meetings sync would do: the events it would create, change or leave alone, the events it would cancel, the
/// bodies with no schedule, and problems. A schedule with a problem is left as it is in calendars: nothing of it is
/// created, changed or cancelled until the problem is fixed.
/// </summary>
public sealed record BoardPlan(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<PlannedMeeting> Meetings,
    IReadOnlyList<MeetingCancellation> Cancellations,
    IReadOnlyList<UnscheduledMeeting> Unscheduled,
    IReadOnlyList<CatalogueError> Problems,
    IReadOnlyList<string> Warnings)
{
    public int CountOf(BoardMeetingAction action) =>
        action == BoardMeetingAction.Cancel ? Cancellations.Count : Meetings.Count(m => m.Action == action);

    public bool HasChanges => Cancellations.Count > 0 || Meetings.Any(m => m.Action != BoardMeetingAction.Unchanged);
}
