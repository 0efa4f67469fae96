using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Meetings;
using QaBot.Core.Framework;
using QaBot.Core.Meetings.Schedules;

namespace QaBot.Composition;

/// <summary>The meetings file on disk: <c>Graph:MeetingsFile</c>, relative to the application's folder unless rooted.</summary>
internal sealed class MeetingsFile(FrameworkCatalogue catalogue, IOptions<GraphSyncOptions> options) : IMeetingScheduleSource
{
    public MeetingScheduleLoadResult Load(string? file = null) =>
        DataFiles.ReadMeetingSchedules(DataFiles.Resolve(file ?? options.Value.MeetingsFile), catalogue);
}
