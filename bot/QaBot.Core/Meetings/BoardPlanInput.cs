using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;

namespace QaBot.Core.Meetings;

/// <summary>What a meetings plan is worked out from.</summary>
/// <param name="Directory">The directory as stored: attendees are resolved from it.</param>
/// <param name="Records">Every calendar event QaBot has made, as stored.</param>
/// <param name="OrganiserMailboxes">The mailboxes QaBot may write to (Graph:OrganiserMailboxes). Empty: no organiser can be checked or defaulted.</param>
/// <param name="Now">The current instant: single meetings that have started are left alone.</param>
/// <param name="From">The first date single (half-termly) meetings are planned for; earlier ones are left alone.</param>
/// <param name="To">The last date single meetings are planned for.</param>
public sealed record BoardPlanInput(
    MeetingScheduleSet Schedules,
    FrameworkCatalogue Catalogue,
    CouncilCalendar Calendar,
    OrganisationChart Directory,
    IReadOnlyList<Versioned<BoardMeetingRecord>> Records,
    IReadOnlyList<string> OrganiserMailboxes,
    DateTimeOffset Now,
    DateOnly From,
    DateOnly To);
