using System.Diagnostics.CodeAnalysis;
using QaBot.Core.Framework;

namespace QaBot.Core.Meetings.Schedules;

/// <summary>The outcome of loading a meetings file: the schedules, or every problem found in it.</summary>
public sealed record MeetingScheduleLoadResult(MeetingScheduleSet? Schedules, IReadOnlyList<CatalogueError> Errors)
{
    [MemberNotNullWhen(true, nameof(Schedules))]
    public bool IsValid => Schedules is not null && Errors.Count == 0;
}
