namespace QaBot.Core.Meetings.Schedules;

/// <summary>The council's meeting schedules as loaded from the meetings file.</summary>
/// <param name="File">The file's name, for problems found when the schedules are planned.</param>
/// <param name="DefaultOrganiser">The organiser of entries that name none; null for the first of Graph:OrganiserMailboxes.</param>
public sealed record MeetingScheduleSet(string File, string? DefaultOrganiser, IReadOnlyList<MeetingSchedule> Meetings)
{
    public static MeetingScheduleSet Empty(string file) => new(file, null, []);
}
