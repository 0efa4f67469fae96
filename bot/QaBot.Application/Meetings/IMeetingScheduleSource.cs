using QaBot.Core.Meetings.Schedules;

namespace QaBot.Application.Meetings;

/// <summary>The council's meetings file (<c>Graph:MeetingsFile</c>), read and checked against the framework catalogue.</summary>
public interface IMeetingScheduleSource
{
    /// <summary>The schedules in the configured file, or in <paramref name="file"/> when given; every problem otherwise.</summary>
    MeetingScheduleLoadResult Load(string? file = null);
}
